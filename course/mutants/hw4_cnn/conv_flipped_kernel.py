# grade_id: conv2d_forward
# kind: mutant
# mistake: the kernel is flipped (a true convolution instead of the cross-correlation that torch computes)
# caught_by: test_conv2d_forward
def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    w_flipped = w[:, :, ::-1, ::-1]
    out = np.zeros((N, n_filters, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            window = x_pad[:, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
            out[:, :, i, j] = np.tensordot(window, w_flipped, axes=([1, 2, 3], [1, 2, 3])) + b
    return out, (x, w, b, stride, pad)
