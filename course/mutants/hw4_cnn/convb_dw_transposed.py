# grade_id: conv2d_backward
# kind: mutant
# mistake: dw has its filter and channel axes transposed (dw[c, f] instead of dw[f, c])
# caught_by: test_conv2d_backward
def conv2d_backward(dout, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    F_, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros((C, F_, HH, WW))
    for p in range(HH):
        for q in range(WW):
            rows = slice(p, p + stride * (H_out - 1) + 1, stride)
            cols = slice(q, q + stride * (W_out - 1) + 1, stride)
            dw[:, :, p, q] = np.einsum("ncij,nfij->cf", x_pad[:, :, rows, cols], dout)
            dx_pad[:, :, rows, cols] += np.einsum("nfij,fc->ncij", dout, w[:, :, p, q])
    dx = dx_pad[:, :, pad:pad + H, pad:pad + W]
    db = dout.sum(axis=(0, 2, 3))
    return dx, dw, db
