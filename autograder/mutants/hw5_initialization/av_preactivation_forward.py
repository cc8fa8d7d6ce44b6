# grade_id: activation_variances
# kind: mutant
# mistake: records Var(z_l) of the pre-activations instead of Var(a_l) of the activations
# caught_by: test_activation_variances
import numpy as np


def activation_variances(layer_sizes, scheme, activation, X, rng):
    if activation == "relu":
        phi, dphi = (lambda z: np.maximum(z, 0.0)), (lambda z: (z > 0).astype(float))
    elif activation == "tanh":
        phi, dphi = np.tanh, (lambda z: 1.0 - np.tanh(z) ** 2)
    else:
        phi, dphi = (lambda z: z), (lambda z: np.ones_like(z))
    a = np.asarray(X, dtype=float)
    weights, pre, forward = [], [], []
    for n_prev, n_next in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = rng.normal(0.0, np.sqrt(init_variance(n_prev, n_next, scheme)), size=(n_prev, n_next))
        z = a @ W
        a = phi(z)
        weights.append(W)
        pre.append(z)
        forward.append(float(np.var(z)))
    backward = [0.0] * len(weights)
    grad_a = rng.standard_normal(a.shape)
    for l in reversed(range(len(weights))):
        g = grad_a * dphi(pre[l])
        backward[l] = float(np.var(g))
        grad_a = g @ weights[l].T
    return {"forward": forward, "backward": backward}
