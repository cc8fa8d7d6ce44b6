# grade_id: activation_variances
# kind: mutant
# mistake: forward records the mean of squares E[a^2] instead of the variance (wrong for ReLU, whose outputs have a positive mean)
# caught_by: test_activation_variances
# replace:
        forward.append(float(np.var(a)))
# with:
        forward.append(float(np.mean(a ** 2)))
