# grade_id: init_params
# kind: mutant
# mistake: biases initialised with small random values instead of zeros
# caught_by: test_init_params
# replace:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
        params.append((W, np.zeros(n_out)))
# with:
            raise ValueError(method)
        params.append((W, rng.normal(0.0, 0.01, size=n_out)))
