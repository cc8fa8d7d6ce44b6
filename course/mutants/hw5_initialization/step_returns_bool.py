# grade_id: step
# kind: mutant
# mistake: returns the boolean comparison z >= 0 itself instead of a float array of 0.0 and 1.0
# caught_by: test_step
# names_mistake: hw5.step_returns_booleans
import numpy as np


def step(z):
    return np.asarray(z) >= 0
