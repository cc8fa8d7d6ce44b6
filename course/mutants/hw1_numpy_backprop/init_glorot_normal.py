# grade_id: init_params
# kind: mutant
# mistake: Glorot as a normal distribution although the docstring asks for the uniform one
# caught_by: test_init_params
# names_mistake: hw1.init_params_weights_up_uniform_glorot
# replace:
            W = rng.uniform(-limit, limit, size=(n_in, n_out))
# with:
            W = rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))
# replace:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
# with:
            raise ValueError(method)
