# grade_id: conv2d_forward
# kind: mutant
# mistake: the stride is ignored (every window is used, as if stride were 1)
# caught_by: test_conv2d_forward
def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (HH, WW), axis=(2, 3))
    out = np.einsum("ncijpq,fcpq->nfij", windows, w) + b[None, :, None, None]
    return out, (x, w, b, stride, pad)
