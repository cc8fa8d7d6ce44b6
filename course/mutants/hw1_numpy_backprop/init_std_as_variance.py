# grade_id: init_params
# kind: mutant
# mistake: variance 2/n_in passed as numpy's scale (a standard deviation)
# caught_by: test_init_params
# replace:
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
# with:
            W = rng.normal(0.0, 2.0 / n_in, size=(n_in, n_out))
# replace:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
# with:
            raise ValueError(method)
