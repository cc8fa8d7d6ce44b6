# grade_id: augment_batch
# kind: mutant
# mistake: one elastic field for the whole batch
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_same_field_for_batch
# replace:
        field = 2 * torch.rand(n, 2, h, w, generator=generator) - 1
# with:
        field = (2 * torch.rand(1, 2, h, w, generator=generator) - 1).expand(n, 2, h, w)
