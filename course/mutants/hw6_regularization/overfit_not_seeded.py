# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: no torch.manual_seed(0): two runs differ
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_losses_wrong
# replace:
    torch.manual_seed(0)
# with:
    pass
