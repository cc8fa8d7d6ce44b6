# grade_id: evaluate
# kind: mutant
# mistake: evaluate builds an autograd graph (no torch.no_grad())
# caught_by: test_evaluate
# replace:
    with torch.no_grad():
# with:
    if True:
