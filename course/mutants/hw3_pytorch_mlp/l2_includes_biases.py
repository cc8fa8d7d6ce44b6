# grade_id: l2_penalty
# kind: mutant
# mistake: the penalty also includes the biases (and every other parameter)
# caught_by: test_l2_penalty
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return lam * sum((p ** 2).sum() for p in model.parameters())
