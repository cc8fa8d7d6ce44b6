# grade_id: maxpool_forward
# kind: mutant
# mistake: windows are taken at steps of `size` (non-overlapping tiles) whatever the stride
# caught_by: test_maxpool_forward
def maxpool_forward(x, size=2, stride=2):
    N, C, H, W = x.shape
    H_out, W_out = H // size, W // size
    tiles = x[:, :, :H_out * size, :W_out * size].reshape(N, C, H_out, size, W_out, size)
    flat = tiles.transpose(0, 1, 2, 4, 3, 5).reshape(N, C, H_out, W_out, size * size)
    arg = flat.argmax(axis=-1)
    return flat.max(axis=-1), (x.shape, arg, size, size)
