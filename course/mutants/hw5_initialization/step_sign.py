# grade_id: step
# kind: mutant
# mistake: returns the sign of z (-1, 0, +1) instead of a 0/1 step
# caught_by: test_step
import numpy as np


def step(z):
    return np.sign(z)
