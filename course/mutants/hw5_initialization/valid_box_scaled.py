# grade_id: box_params
# kind: valid
# description: scaled step inputs (w1 = 5, bias -5*delta) instead of unit weights
import numpy as np


def box_params(h, delta):
    return {"w1": np.array([5.0, 5.0]), "b1": np.array([0.0, -5.0 * delta]),
            "w2": np.array([h, -h], dtype=float), "b2": 0.0}
