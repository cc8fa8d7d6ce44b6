# grade_id: init_params
# kind: valid
# description: rng.standard_normal * std and a rescaled rng.random for the uniform (a different random stream)
def init_params(layer_sizes, method, rng):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        shape = (n_in, n_out)
        if method == "he":
            W = np.sqrt(2.0 / n_in) * rng.standard_normal(shape)
        elif method == "glorot":
            r = np.sqrt(6.0 / (n_in + n_out))
            W = (2.0 * rng.random(shape) - 1.0) * r
        elif method == "small":
            W = 0.01 * rng.standard_normal(shape)
        else:
            raise ValueError(f"unknown method {method!r}")
        params.append((W, np.zeros(n_out)))
    return params
