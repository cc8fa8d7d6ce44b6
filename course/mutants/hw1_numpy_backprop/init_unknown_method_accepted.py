# grade_id: init_params
# kind: mutant
# mistake: an unknown method name silently falls back to He instead of raising ValueError
# caught_by: test_init_params
# names_mistake: hw1.init_params_unknown_method_accepted
# replace:
        else:
            raise ValueError(f"unknown method {method!r}: use 'he', 'glorot' or 'small'")
# with:
        else:
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
