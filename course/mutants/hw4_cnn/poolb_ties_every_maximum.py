# grade_id: maxpool_backward
# kind: mutant
# mistake: backward routes each window's gradient through a mask of the positions equal to its maximum (forward redefined to cache x), so a window with several equal maxima passes its gradient on several times
# caught_by: test_maxpool_backward
# names_mistake: hw4.maxpool_backward_ties_every_maximum
def maxpool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_out = 1 + (H - size) // stride
    W_out = 1 + (W - size) // stride
    windows = np.lib.stride_tricks.sliding_window_view(x, (size, size), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride][:, :, :H_out, :W_out]
    return windows.max(axis=(-2, -1)), (x.copy(), size, stride)


def maxpool_backward(dout, cache):
    x, size, stride = cache
    N, C, H_out, W_out = dout.shape
    dx = np.zeros(x.shape)
    for i in range(H_out):
        for j in range(W_out):
            win = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dx[:, :, i * stride:i * stride + size, j * stride:j * stride + size] += mask * dout[:, :, i, j][:, :, None, None]
    return dx
