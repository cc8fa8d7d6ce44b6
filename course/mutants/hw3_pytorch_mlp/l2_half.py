# grade_id: l2_penalty
# kind: mutant
# mistake: penalty with a factor 1/2 (lam/2 * sum of squares)
# caught_by: test_l2_penalty
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return 0.5 * lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
