# grade_id: maxpool_forward
# kind: mutant
# mistake: average pooling instead of max pooling
# caught_by: test_maxpool_forward
def maxpool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_out = 1 + (H - size) // stride
    W_out = 1 + (W - size) // stride
    windows = np.lib.stride_tricks.sliding_window_view(x, (size, size), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride][:, :, :H_out, :W_out]
    flat = windows.reshape(N, C, H_out, W_out, size * size)
    return flat.mean(axis=-1), (x.shape, flat.argmax(axis=-1), size, stride)
