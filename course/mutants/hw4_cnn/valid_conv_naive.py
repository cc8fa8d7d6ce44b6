# grade_id: conv2d_forward
# kind: valid
# description: the textbook six nested loops (n, f, i, j, and the window as a sum), einsum-free
def conv2d_forward(x, w, b, stride=1, pad=0):
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    H_out = 1 + (H + 2 * pad - HH) // stride
    W_out = 1 + (W + 2 * pad - WW) // stride
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    out = np.zeros((N, n_filters, H_out, W_out))
    for n in range(N):
        for f in range(n_filters):
            for i in range(H_out):
                for j in range(W_out):
                    window = x_pad[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
    return out, (x, w, b, stride, pad)
