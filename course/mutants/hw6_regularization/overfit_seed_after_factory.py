# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: torch.manual_seed(0) called after model_factory(): the initial weights are not the seeded ones
# caught_by: test_overfit_tiny_batch
# replace:
    torch.manual_seed(0)
    model = model_factory()
# with:
    model = model_factory()
    torch.manual_seed(0)
