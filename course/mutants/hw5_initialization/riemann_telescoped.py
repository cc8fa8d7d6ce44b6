# grade_id: riemann_params
# kind: mutant
# mistake: merges neighbouring steps into N + 1 neurons; the function is right but the assignment asks for 2N neurons (two per box)
# caught_by: test_riemann_params
import numpy as np


def riemann_params(f, B, N):
    delta = 2.0 * B / N
    edges = -B + delta * np.arange(N + 1)
    heights = np.asarray(f(edges[:-1] + delta / 2), dtype=float)
    jumps = np.diff(np.concatenate([[0.0], heights, [0.0]]))
    return {"w1": np.ones(N + 1), "b1": -edges, "w2": jumps, "b2": 0.0}
