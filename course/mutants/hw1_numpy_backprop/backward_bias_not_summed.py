# grade_id: backward
# kind: mutant
# mistake: bias gradient not summed over the batch (db = dz)
# caught_by: test_backward
# replace:
        grads[l] = (a_prev.T @ dz, dz.sum(axis=0))
# with:
        grads[l] = (a_prev.T @ dz, dz)
