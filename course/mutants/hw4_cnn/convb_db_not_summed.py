# grade_id: conv2d_backward
# kind: mutant
# mistake: db is summed over the output positions but not over the batch (shape (N, F))
# caught_by: test_conv2d_backward
# replace:
    db = dout.sum(axis=(0, 2, 3))
# with:
    db = dout.sum(axis=(2, 3))
