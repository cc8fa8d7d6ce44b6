# grade_id: preactivation_variance
# kind: mutant
# mistake: uses the weights' standard deviation sqrt(sigma2) instead of their variance
# caught_by: test_preactivation_variance
import numpy as np


def preactivation_variance(n_in, sigma2, v2):
    return n_in * np.sqrt(sigma2) * v2
