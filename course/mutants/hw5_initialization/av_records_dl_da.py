# grade_id: activation_variances
# kind: mutant
# mistake: records Var(dL/da_l) (before multiplying by phi'(z_l)) instead of Var(dL/dz_l)
# caught_by: test_activation_variances
# replace:
        backward[l] = float(np.var(g))
# with:
        backward[l] = float(np.var(grad_a))
