# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: plain SGD instead of Adam
# caught_by: test_overfit_tiny_batch
# replace:
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
# with:
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
