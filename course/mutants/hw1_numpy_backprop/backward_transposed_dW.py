# grade_id: backward
# kind: mutant
# mistake: transposed weight gradient (dz.T @ a_prev)
# caught_by: test_backward
# replace:
        grads[l] = (a_prev.T @ dz, dz.sum(axis=0))
# with:
        grads[l] = (dz.T @ a_prev, dz.sum(axis=0))
