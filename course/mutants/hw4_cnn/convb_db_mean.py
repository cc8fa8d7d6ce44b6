# grade_id: conv2d_backward
# kind: mutant
# mistake: db averages dout over the batch and the positions instead of summing
# caught_by: test_conv2d_backward
# replace:
    db = dout.sum(axis=(0, 2, 3))
# with:
    db = dout.mean(axis=(0, 2, 3))
