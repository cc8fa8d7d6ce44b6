# grade_id: maxpool_backward
# kind: valid
# description: loops over the windows, adding each window's gradient at its stored argmax
def maxpool_backward(dout, cache):
    x_shape, arg, size, stride = cache
    N, C, H_out, W_out = dout.shape
    dx = np.zeros(x_shape)
    for n in range(N):
        for c in range(C):
            for i in range(H_out):
                for j in range(W_out):
                    p, q = divmod(int(arg[n, c, i, j]), size)
                    dx[n, c, i * stride + p, j * stride + q] += dout[n, c, i, j]
    return dx
