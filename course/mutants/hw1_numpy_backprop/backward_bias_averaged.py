# grade_id: backward
# kind: mutant
# mistake: bias gradient averaged over the batch (divides by N twice)
# caught_by: test_backward
# replace:
        grads[l] = (a_prev.T @ dz, dz.sum(axis=0))
# with:
        grads[l] = (a_prev.T @ dz, dz.mean(axis=0))
