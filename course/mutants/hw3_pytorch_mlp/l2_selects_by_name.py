# grade_id: l2_penalty
# kind: mutant
# mistake: weights selected by the name 'weight', which also picks BatchNorm's gamma
# caught_by: test_l2_penalty
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return lam * sum((p ** 2).sum() for name, p in model.named_parameters() if name.endswith('weight'))
