# grade_id: conv2d_forward
# kind: mutant
# mistake: the bias is never added
# caught_by: test_conv2d_forward
def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (HH, WW), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride][:, :, :H_out, :W_out]
    out = np.einsum("ncijpq,fcpq->nfij", windows, w)
    return out, (x, w, b, stride, pad)
