# grade_id: riemann_params
# kind: mutant
# mistake: box width B/N instead of 2B/N, so the boxes only cover [-B, 0]
# caught_by: test_riemann_params
import numpy as np


def riemann_params(f, B, N):
    edges = np.linspace(-B, 0.0, N + 1)
    heights = np.asarray(f((edges[:-1] + edges[1:]) / 2), dtype=float)
    return {"w1": np.ones(2 * N), "b1": np.concatenate([-edges[:-1], -edges[1:]]),
            "w2": np.concatenate([heights, -heights]), "b2": 0.0}
