# grade_id: augment_batch
# kind: mutant
# mistake: the grid's matrix scaled by s instead of 1/s: the digit is drawn 1/s times as large
# caught_by: test_augment_batch
# names_mistake: hw6.augment_scale_inverted
# replace:
    inv = torch.stack([torch.stack([cos, sin], 1), torch.stack([-sin, cos], 1)], 1) / s[:, None, None]
# with:
    inv = torch.stack([torch.stack([cos, sin], 1), torch.stack([-sin, cos], 1)], 1) * s[:, None, None]
