# grade_id: box_params
# kind: mutant
# mistake: second step switches at -delta (bias +delta instead of -delta), giving -h on (-delta, 0)
# caught_by: test_box_params
import numpy as np


def box_params(h, delta):
    return {"w1": np.array([1.0, 1.0]), "b1": np.array([0.0, delta]),
            "w2": np.array([h, -h], dtype=float), "b2": 0.0}
