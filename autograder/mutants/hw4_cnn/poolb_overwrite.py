# grade_id: maxpool_backward
# kind: mutant
# mistake: overlapping windows overwrite each other's gradient (= instead of +=)
# caught_by: test_maxpool_backward
def maxpool_backward(dout, cache):
    x_shape, arg, size, stride = cache
    N, C, H_out, W_out = dout.shape
    p, q = np.divmod(arg, size)
    rows = stride * np.arange(H_out)[:, None] + p
    cols = stride * np.arange(W_out)[None, :] + q
    n = np.arange(N)[:, None, None, None]
    c = np.arange(C)[None, :, None, None]
    dx = np.zeros(x_shape)
    dx[n, c, rows, cols] = dout
    return dx
