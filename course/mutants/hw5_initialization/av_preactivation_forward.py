# grade_id: activation_variances
# kind: mutant
# mistake: records Var(z_l) of the pre-activations instead of Var(a_l) of the activations
# caught_by: test_activation_variances
# replace:
        forward.append(float(np.var(a)))
# with:
        forward.append(float(np.var(z)))
