# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: the learning rate hard-coded to 3e-3 instead of the lr passed
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_lr_ignored
# replace:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
# with:
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
