# grade_id: riemann_params
# kind: valid
# description: builds the boxes one by one in a Python loop (f called on scalars), with scaled step inputs w1 = 2 and the edges from one np.linspace
import numpy as np


def riemann_params(f, B, N):
    edges = np.linspace(-B, B, N + 1)
    w1, b1, w2 = [], [], []
    for k in range(N):
        height = float(f((edges[k] + edges[k + 1]) / 2))
        w1 += [2.0, 2.0]
        b1 += [-2.0 * edges[k], -2.0 * edges[k + 1]]
        w2 += [height, -height]
    return {"w1": np.array(w1), "b1": np.array(b1), "w2": np.array(w2), "b2": 0.0}
