# grade_id: augment_batch
# kind: mutant
# mistake: a Python loop over the images, one grid_sample per image
# caught_by: test_augment_batch
# names_mistake: hw6.augment_loop_over_images
# replace:
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
# with:
    return torch.cat([F.grid_sample(x[k:k + 1], grid[k:k + 1], mode="bilinear", padding_mode="zeros",
                                    align_corners=False) for k in range(n)])
