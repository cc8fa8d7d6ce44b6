# grade_id: riemann_params
# kind: mutant
# mistake: recomputes each box's right edge as left + delta, which differs from the next box's left edge by rounding, leaving spikes at the edges
# caught_by: test_riemann_params
import numpy as np


def riemann_params(f, B, N):
    delta = 2.0 * B / N
    left = -B + delta * np.arange(N)
    heights = np.asarray(f(left + delta / 2), dtype=float)
    return {"w1": np.ones(2 * N), "b1": np.concatenate([-left, -(left + delta)]),
            "w2": np.concatenate([heights, -heights]), "b2": 0.0}
