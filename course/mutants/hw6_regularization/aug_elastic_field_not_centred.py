# grade_id: augment_batch
# kind: mutant
# mistake: the random field drawn uniform in [0, 1) instead of (-1, 1): every image is shifted by alpha / 2 pixels
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_field_not_centred
# replace:
        field = 2 * torch.rand(n, 2, h, w, generator=generator) - 1
# with:
        field = torch.rand(n, 2, h, w, generator=generator)
