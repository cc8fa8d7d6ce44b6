# grade_id: activation_variances
# kind: mutant
# mistake: passes (n_out, n_in) to init_variance instead of (n_in, n_out)
# caught_by: test_activation_variances
# names_mistake: hw5.activation_variances_init_variance_gets_out
# replace:
        std = np.sqrt(init_variance(n_prev, n_next, scheme))
# with:
        std = np.sqrt(init_variance(n_next, n_prev, scheme))
