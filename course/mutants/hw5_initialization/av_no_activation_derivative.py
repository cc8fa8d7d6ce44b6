# grade_id: activation_variances
# kind: mutant
# mistake: backward pass does not multiply by the activation derivative phi'(z_l)
# caught_by: test_activation_variances
# replace:
        g = grad_a * dphi(pre[l])              # dL/dz_l
# with:
        g = grad_a
