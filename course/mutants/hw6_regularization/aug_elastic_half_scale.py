# grade_id: augment_batch
# kind: mutant
# mistake: pixels converted to normalised units with 1 / 28 instead of 2 / 28: half the displacement
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_size_wrong
# replace:
        grid = grid + elastic_alpha * smooth.permute(0, 2, 3, 1) * torch.tensor([2.0 / w, 2.0 / h])
# with:
        grid = grid + elastic_alpha * smooth.permute(0, 2, 3, 1) * torch.tensor([1.0 / w, 1.0 / h])
