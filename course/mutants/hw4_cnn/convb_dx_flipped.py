# grade_id: conv2d_backward
# kind: mutant
# mistake: dx scatters the gradient with the flipped kernel (mixing up where the flip belongs)
# caught_by: test_conv2d_backward
# replace:
    dx_pad = np.zeros_like(x_pad, dtype=np.result_type(x_pad, dout))
    dw = np.zeros(w.shape, dtype=np.result_type(w, dout))
# with:
    dx_pad = np.zeros_like(x_pad)
    dw = np.zeros_like(w)
    w_flipped = w[:, :, ::-1, ::-1]
# replace:
            dw[:, :, p, q] = np.tensordot(dout, x_pad[:, :, rows, cols], axes=([0, 2, 3], [0, 2, 3]))
            dx_pad[:, :, rows, cols] += np.tensordot(w[:, :, p, q], dout, axes=([0], [1])).transpose(1, 0, 2, 3)
# with:
            dw[:, :, p, q] = np.einsum("nfij,ncij->fc", dout, x_pad[:, :, rows, cols])
            dx_pad[:, :, rows, cols] += np.einsum("nfij,fc->ncij", dout, w_flipped[:, :, p, q])
