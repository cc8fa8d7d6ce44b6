# grade_id: augment_batch
# kind: mutant
# mistake: affine_grid with align_corners=True but grid_sample with False: the identity shifts the image
# caught_by: test_augment_batch
# names_mistake: hw6.augment_align_corners_mismatch
# replace:
    grid = F.affine_grid(theta, [n, 1, h, w], align_corners=False)     # (N, H, W, 2), (x, y) order
# with:
    grid = F.affine_grid(theta, [n, 1, h, w], align_corners=True)
