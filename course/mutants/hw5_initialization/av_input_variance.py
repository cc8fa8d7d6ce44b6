# grade_id: activation_variances
# kind: mutant
# mistake: forward records the variance of each layer's input a_{l-1} instead of its output a_l
# caught_by: test_activation_variances
# replace:
        z = a @ W
        a = phi(z)
# with:
        z = a @ W
        forward.append(float(np.var(a)))
        a = phi(z)
# replace:
        pre.append(z)
        forward.append(float(np.var(a)))
# with:
        pre.append(z)
