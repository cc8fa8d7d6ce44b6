# grade_id: activation_variances
# kind: valid
# description: float32 throughout, weights as std * standard_normal, G drawn before the weights, backward variance as the mean of squares (gradients have mean 0), np.where for the ReLU
import numpy as np


def activation_variances(layer_sizes, scheme, activation, X, rng):
    G = rng.standard_normal((len(X), layer_sizes[-1]), dtype=np.float32)
    Ws = [rng.standard_normal((m, n), dtype=np.float32)
          * np.float32(np.sqrt(init_variance(m, n, scheme)))
          for m, n in zip(layer_sizes[:-1], layer_sizes[1:])]
    a = np.asarray(X, dtype=np.float32)
    zs, forward = [], []
    for W in Ws:
        z = a @ W
        if activation == "relu":
            a = np.where(z > 0, z, np.float32(0))
        elif activation == "tanh":
            a = np.tanh(z)
        else:
            a = z
        zs.append(z)
        forward.append(float(a.var()))
    backward = []
    grad = G
    for W, z in zip(Ws[::-1], zs[::-1]):
        if activation == "relu":
            grad = grad * (z > 0)
        elif activation == "tanh":
            t = np.tanh(z)
            grad = grad * (1 - t * t)
        backward.append(float(np.mean(grad * grad)))
        grad = grad @ W.T
    return {"forward": forward, "backward": backward[::-1]}
