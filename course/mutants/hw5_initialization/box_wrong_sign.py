# grade_id: box_params
# kind: mutant
# mistake: output weights with the wrong signs, so the box has height -h
# caught_by: test_box_params
import numpy as np


def box_params(h, delta):
    return {"w1": np.array([1.0, 1.0]), "b1": np.array([0.0, -delta]),
            "w2": np.array([-h, h], dtype=float), "b2": 0.0}
