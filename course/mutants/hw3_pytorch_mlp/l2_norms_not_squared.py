# grade_id: l2_penalty
# kind: mutant
# mistake: the sum of the norms ||W|| instead of the squared norms
# caught_by: test_l2_penalty
# names_mistake: hw3.l2_penalty_sum_norms_squared_norms
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return lam * sum(p.norm() for p in model.parameters() if p.ndim >= 2)
