# grade_id: backward
# kind: mutant
# mistake: activation derivative missing in the backward step
# caught_by: test_backward
# replace:
            dz = (dz @ W.T) * f_grad(cache[l - 1][1])
# with:
            dz = (dz @ W.T) * 1.0
