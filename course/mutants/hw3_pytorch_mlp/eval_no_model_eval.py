# grade_id: evaluate
# kind: mutant
# mistake: model.eval() missing: dropout stays active during evaluation
# caught_by: test_evaluate
# replace:
    model.eval()
# with:
