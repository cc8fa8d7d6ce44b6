# grade_id: step
# kind: mutant
# mistake: step(0) = 0 (z > 0 instead of z >= 0), against the documented convention step(0) = 1
# caught_by: test_step
import numpy as np


def step(z):
    return (np.asarray(z) > 0).astype(float)
