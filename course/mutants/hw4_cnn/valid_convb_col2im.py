# grade_id: conv2d_backward
# kind: valid
# description: im2col backward: dW = dout_matrix.T @ cols, dcols = dout_matrix @ W, col2im with np.add.at
def conv2d_backward(dout, cache):
    x, w, b, stride, pad = cache
    N, C, H, W = x.shape
    n_filters, _, HH, WW = w.shape
    _, _, H_out, W_out = dout.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    # index arrays of every (output position, weight) pair
    i0 = np.repeat(np.arange(HH), WW)                        # row offset inside the window
    j0 = np.tile(np.arange(WW), HH)
    i1 = stride * np.repeat(np.arange(H_out), W_out)         # window origin
    j1 = stride * np.tile(np.arange(W_out), H_out)
    rows = i1[:, None] + i0[None, :]                         # (H_out*W_out, HH*WW)
    cols_idx = j1[:, None] + j0[None, :]
    patches = x_pad[:, :, rows, cols_idx]                    # (N, C, P, K)
    cols = patches.transpose(0, 2, 1, 3).reshape(N * H_out * W_out, C * HH * WW)
    dout_mat = dout.transpose(0, 2, 3, 1).reshape(N * H_out * W_out, n_filters)
    dw = (dout_mat.T @ cols).reshape(w.shape)
    db = dout_mat.sum(axis=0)
    dcols = (dout_mat @ w.reshape(n_filters, -1)).reshape(N, H_out * W_out, C, HH * WW)
    dx_pad = np.zeros_like(x_pad)
    n_idx = np.arange(N)[:, None, None, None]
    c_idx = np.arange(C)[None, None, :, None]
    np.add.at(dx_pad, (n_idx, c_idx, rows[None, :, None, :], cols_idx[None, :, None, :]), dcols)
    return dx_pad[:, :, pad:pad + H, pad:pad + W], dw, db
