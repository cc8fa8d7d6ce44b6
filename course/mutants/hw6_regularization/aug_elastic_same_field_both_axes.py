# grade_id: augment_batch
# kind: mutant
# mistake: one random field used for both the x and the y displacement
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_same_field_for_axes
# replace:
        field = 2 * torch.rand(n, 2, h, w, generator=generator) - 1
# with:
        field = (2 * torch.rand(n, 1, h, w, generator=generator) - 1).expand(n, 2, h, w)
