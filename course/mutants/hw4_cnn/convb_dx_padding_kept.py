# grade_id: conv2d_backward
# kind: mutant
# mistake: dx is returned with the padding (the gradient of x_pad, not of x)
# caught_by: test_conv2d_backward
# replace:
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    db = dout.sum(axis=(0, 2, 3))
    return dx, dw, db
# with:
    db = dout.sum(axis=(0, 2, 3))
    return dx_pad, dw, db
