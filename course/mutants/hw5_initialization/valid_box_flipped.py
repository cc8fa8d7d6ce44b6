# grade_id: box_params
# kind: valid
# description: left-facing steps step(delta - x) - step(-x), the box is (0, delta] instead of [0, delta)
import numpy as np


def box_params(h, delta):
    return {"w1": np.array([-1.0, -1.0]), "b1": np.array([delta, 0.0]),
            "w2": np.array([h, -h], dtype=float), "b2": 0.0}
