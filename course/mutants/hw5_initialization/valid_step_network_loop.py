# grade_id: step_network
# kind: valid
# description: sums the hidden neurons in a Python loop instead of a matrix product
import numpy as np


def step_network(x, params):
    x = np.asarray(x, dtype=float)
    y = np.full(x.shape, float(params["b2"]))
    for w, b, v in zip(params["w1"], params["b1"], params["w2"]):
        y = y + v * step(w * x + b)
    return y
