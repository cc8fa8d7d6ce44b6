# grade_id: l2_penalty
# kind: mutant
# mistake: returns a Python float (.item()): not differentiable
# caught_by: test_l2_penalty
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    return lam * sum((p ** 2).sum().item() for p in model.parameters() if p.ndim >= 2)
