# grade_id: box_params
# kind: valid
# description: uses the output bias: h - h*step(-x) - h*step(x - delta)
import numpy as np


def box_params(h, delta):
    return {"w1": np.array([-2.0, 3.0]), "b1": np.array([0.0, -3.0 * delta]),
            "w2": np.array([-h, -h], dtype=float), "b2": float(h)}
