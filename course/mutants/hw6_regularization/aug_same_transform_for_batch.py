# grade_id: augment_batch
# kind: mutant
# mistake: one random rotation/zoom/shift for the whole batch
# caught_by: test_augment_batch
# names_mistake: hw6.augment_same_transform_for_batch
# replace:
    u = torch.rand(n, 4, generator=generator)
# with:
    u = torch.rand(1, 4, generator=generator).expand(n, 4)
