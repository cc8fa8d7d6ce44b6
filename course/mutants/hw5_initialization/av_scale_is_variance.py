# grade_id: activation_variances
# kind: mutant
# mistake: draws the weights with standard deviation sigma^2 (np.random's scale is the std, not the variance)
# caught_by: test_activation_variances
# replace:
        std = np.sqrt(init_variance(n_prev, n_next, scheme))
        W = rng.normal(0.0, std, size=(n_prev, n_next))
# with:
        W = rng.normal(0.0, init_variance(n_prev, n_next, scheme), size=(n_prev, n_next))
