# grade_id: l2_penalty
# kind: valid
# description: iterates over the nn.Linear modules and stacks the squared norms
# replace:
    return lam * sum((p ** 2).sum() for p in model.parameters() if p.ndim >= 2)
# with:
    norms = [m.weight.pow(2).sum() for m in model.modules() if isinstance(m, nn.Linear)]
    return lam * torch.stack(norms).sum()
