# grade_id: conv2d_backward
# kind: valid
# description: loops over the output positions, scattering each window's gradient with +=
def conv2d_backward(dout, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    db = np.zeros_like(b)
    for n in range(N):
        for f in range(n_filters):
            db[f] += dout[n, f].sum()
            for i in range(H_out):
                for j in range(W_out):
                    r, c = i * stride, j * stride
                    dw[f] += dout[n, f, i, j] * x_pad[n, :, r:r + HH, c:c + WW]
                    dx_pad[n, :, r:r + HH, c:c + WW] += dout[n, f, i, j] * w[f]
    return dx_pad[:, :, pad:pad + H, pad:pad + W], dw, db
