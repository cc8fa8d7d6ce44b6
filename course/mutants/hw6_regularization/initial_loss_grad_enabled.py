# grade_id: initial_loss_check
# kind: mutant
# mistake: the loss computed with autograd on (no torch.no_grad())
# caught_by: test_initial_loss_check
# names_mistake: hw6.initial_loss_grad_enabled
# replace:
    with torch.no_grad():
        return float(F.cross_entropy(model(X), y))
# with:
    return F.cross_entropy(model(X), y).item()
