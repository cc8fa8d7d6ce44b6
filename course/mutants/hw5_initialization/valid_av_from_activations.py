# grade_id: activation_variances
# kind: valid
# description: keeps the activations instead of the pre-activations and gets phi' from them (relu: a > 0, tanh: 1 - a^2); weights as rng.normal(scale=...) with the gradient drawn by rng.normal too; a dict of activation functions
import numpy as np

ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0), lambda a: (a > 0) * 1.0),
    "tanh": (np.tanh, lambda a: 1.0 - a ** 2),
    "linear": (lambda z: z, lambda a: np.ones_like(a)),
}


def activation_variances(layer_sizes, scheme, activation, X, rng):
    phi, dphi_from_a = ACTIVATIONS[activation]
    acts, Ws = [X], []
    for l in range(1, len(layer_sizes)):
        sigma = np.sqrt(init_variance(layer_sizes[l - 1], layer_sizes[l], scheme))
        W = rng.normal(scale=sigma, size=(layer_sizes[l - 1], layer_sizes[l]))
        Ws.append(W)
        acts.append(phi(acts[-1] @ W))
    forward = [a.var() for a in acts[1:]]
    dA = rng.normal(size=acts[-1].shape)
    backward = []
    for l in range(len(Ws), 0, -1):
        dZ = dA * dphi_from_a(acts[l])
        backward.insert(0, dZ.var())
        dA = dZ @ Ws[l - 1].T
    return {"forward": forward, "backward": backward}
