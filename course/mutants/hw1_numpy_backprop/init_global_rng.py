# grade_id: init_params
# kind: mutant
# mistake: draws from np.random instead of the rng argument
# caught_by: test_init_params
# names_mistake: hw1.init_params_two_calls_np_random
def init_params(layer_sizes, method, rng):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if method == "he":
            W = np.random.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        elif method == "glorot":
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = np.random.uniform(-limit, limit, size=(n_in, n_out))
        elif method == "small":
            W = rng.normal(0.0, 0.01, size=(n_in, n_out))
        else:
            raise ValueError(method)
        params.append((W, np.zeros(n_out)))
    return params
