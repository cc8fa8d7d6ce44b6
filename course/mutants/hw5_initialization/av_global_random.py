# grade_id: activation_variances
# kind: mutant
# mistake: draws G from NumPy's global generator instead of the rng argument
# caught_by: test_activation_variances
# names_mistake: hw5.activation_variances_not_drawn_from_rng
# replace:
    grad_a = rng.standard_normal(a.shape)      # G = dL/da_L
# with:
    grad_a = np.random.standard_normal(a.shape)      # G = dL/da_L
