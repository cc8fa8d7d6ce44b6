# grade_id: activation_variances
# kind: mutant
# mistake: the upstream gradient G drawn uniformly from [-1, 1] (variance 1/3) instead of N(0, 1)
# caught_by: test_activation_variances
# replace:
    grad_a = rng.standard_normal(a.shape)      # G = dL/da_L
# with:
    grad_a = rng.uniform(-1.0, 1.0, size=a.shape)      # G = dL/da_L
