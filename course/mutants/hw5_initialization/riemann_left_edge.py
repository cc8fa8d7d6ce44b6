# grade_id: riemann_params
# kind: mutant
# mistake: box heights taken at the left edge f(e_k) instead of the midpoint f((e_k + e_{k+1})/2)
# caught_by: test_riemann_params
import numpy as np


def riemann_params(f, B, N):
    edges = np.linspace(-B, B, N + 1)
    heights = np.asarray(f(edges[:-1]), dtype=float)
    return {"w1": np.ones(2 * N), "b1": np.concatenate([-edges[:-1], -edges[1:]]),
            "w2": np.concatenate([heights, -heights]), "b2": 0.0}
