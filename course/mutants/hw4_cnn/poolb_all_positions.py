# grade_id: maxpool_backward
# kind: mutant
# mistake: the gradient of each window is routed to all of its positions, not only to the maximum
# caught_by: test_maxpool_backward
def maxpool_backward(dout, cache):
    x_shape, arg, size, stride = cache
    N, C, H_out, W_out = dout.shape
    dx = np.zeros(x_shape)
    for i in range(H_out):
        for j in range(W_out):
            dx[:, :, i * stride:i * stride + size, j * stride:j * stride + size] += dout[:, :, i, j][:, :, None, None]
    return dx
