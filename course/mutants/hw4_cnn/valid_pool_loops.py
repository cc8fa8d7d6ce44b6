# grade_id: maxpool_forward
# kind: valid
# description: loops over the windows, np.argmax per window (same cache layout as the solution)
def maxpool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_out = 1 + (H - size) // stride
    W_out = 1 + (W - size) // stride
    out = np.empty((N, C, H_out, W_out))
    arg = np.empty((N, C, H_out, W_out), dtype=int)
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].reshape(N, C, -1)
            arg[:, :, i, j] = window.argmax(axis=2)
            out[:, :, i, j] = window.max(axis=2)
    return out, (x.shape, arg, size, stride)
