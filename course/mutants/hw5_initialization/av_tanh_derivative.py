# grade_id: activation_variances
# kind: mutant
# mistake: wrong tanh derivative 1 - tanh(z) instead of 1 - tanh(z)^2
# caught_by: test_activation_variances
# replace:
        phi, dphi = np.tanh, (lambda z: 1.0 - np.tanh(z) ** 2)
# with:
        phi, dphi = np.tanh, (lambda z: 1.0 - np.tanh(z))
