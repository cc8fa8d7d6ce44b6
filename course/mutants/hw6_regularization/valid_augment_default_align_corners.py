# grade_id: augment_batch
# kind: valid
# description: affine_grid and grid_sample called without align_corners (its default, False: the same output; torch warns about the default)
# replace:
    grid = F.affine_grid(theta, [n, 1, h, w], align_corners=False)     # (N, H, W, 2), (x, y) order
# with:
    grid = F.affine_grid(theta, [n, 1, h, w])
# replace:
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
# with:
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros")
