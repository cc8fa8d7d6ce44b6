# grade_id: train_cnn
# kind: mutant
# mistake: the seed is ignored (no torch.manual_seed): two runs with the same seed differ
# caught_by: test_train_cnn
# replace:
    torch.manual_seed(seed)
# with:
