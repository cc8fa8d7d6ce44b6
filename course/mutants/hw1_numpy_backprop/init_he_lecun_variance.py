# grade_id: init_params
# kind: mutant
# mistake: He init with variance 1/n_in instead of 2/n_in
# caught_by: test_init_params
# replace:
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
# with:
            W = rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))
# replace:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
# with:
            raise ValueError(method)
