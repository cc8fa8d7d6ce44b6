# grade_id: init_params
# kind: mutant
# mistake: Glorot: the uniform limit sqrt(6/(n_in+n_out)) used as a normal's standard deviation
# caught_by: test_init_params
# replace:
            W = rng.uniform(-limit, limit, size=(n_in, n_out))
# with:
            W = rng.normal(0.0, limit, size=(n_in, n_out))
# replace:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
# with:
            raise ValueError(method)
