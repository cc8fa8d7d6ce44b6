# grade_id: maxpool_forward
# kind: mutant
# mistake: the loop keeps a new maximum when a value is >= the best so far, so the switch records the LAST of several equal maxima (the docstring asks for the first)
# caught_by: test_maxpool_backward
# names_mistake: the first maximum in row-major order
def maxpool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_out = 1 + (H - size) // stride
    W_out = 1 + (W - size) // stride
    out = np.empty((N, C, H_out, W_out))
    arg = np.zeros((N, C, H_out, W_out), dtype=int)
    for i in range(H_out):
        for j in range(W_out):
            window = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].reshape(N, C, -1)
            best = np.full((N, C), -np.inf)
            for k in range(size * size):
                better = window[:, :, k] >= best
                best = np.where(better, window[:, :, k], best)
                arg[:, :, i, j] = np.where(better, k, arg[:, :, i, j])
            out[:, :, i, j] = best
    return out, (x.shape, arg, size, stride)
