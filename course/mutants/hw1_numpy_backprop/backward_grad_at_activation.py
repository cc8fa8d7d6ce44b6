# grade_id: backward
# kind: mutant
# mistake: activation derivative evaluated at the activation f(z) instead of the pre-activation z
# caught_by: test_backward
# replace:
    _, f_grad = activation_functions(activation)
# with:
    f, f_grad = activation_functions(activation)
# replace:
            dz = (dz @ W.T) * f_grad(cache[l - 1][1])
# with:
            dz = (dz @ W.T) * f_grad(f(cache[l - 1][1]))
