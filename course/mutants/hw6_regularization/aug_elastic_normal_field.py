# grade_id: augment_batch
# kind: mutant
# mistake: a standard normal random field instead of uniform(-1, 1): sqrt(3) times too large
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_size_wrong
# replace:
        field = 2 * torch.rand(n, 2, h, w, generator=generator) - 1
# with:
        field = torch.randn(n, 2, h, w, generator=generator)
