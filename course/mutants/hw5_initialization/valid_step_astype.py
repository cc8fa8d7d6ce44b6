# grade_id: step
# kind: valid
# description: step via a boolean comparison cast to float instead of np.where
import numpy as np


def step(z):
    return (np.asarray(z) >= 0).astype(float)
