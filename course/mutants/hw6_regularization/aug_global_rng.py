# grade_id: augment_batch
# kind: mutant
# mistake: draws from the global random generator instead of `generator`
# caught_by: test_augment_batch
# names_mistake: hw6.augment_ignores_generator
# replace:
    u = torch.rand(n, 4, generator=generator)
# with:
    u = torch.rand(n, 4)
