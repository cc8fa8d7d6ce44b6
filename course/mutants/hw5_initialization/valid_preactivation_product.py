# grade_id: preactivation_variance
# kind: valid
# description: written as a product of floats via math.prod
import math


def preactivation_variance(n_in, sigma2, v2):
    return float(math.prod([n_in, sigma2, v2]))
