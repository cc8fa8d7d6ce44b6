# grade_id: step
# kind: valid
# description: step via np.heaviside with the value 1 at 0
import numpy as np


def step(z):
    return np.heaviside(np.asarray(z, dtype=float), 1.0)
