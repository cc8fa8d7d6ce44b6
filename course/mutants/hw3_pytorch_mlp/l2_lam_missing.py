# grade_id: l2_penalty
# kind: mutant
# mistake: lam is not applied: the plain sum of squares
# caught_by: test_l2_penalty
# names_mistake: hw3.l2_penalty_lam_missing
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
