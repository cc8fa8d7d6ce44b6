# grade_id: l2_penalty
# kind: mutant
# mistake: returns a Python float (.item()): not differentiable
# caught_by: test_l2_penalty
def l2_penalty(model, lam):
    """The L2 penalty lam * (sum of the squares of all entries of all weight matrices).

    model: an nn.Module; lam: a float >= 0.
    Weight matrices are the parameters with 2 or more dimensions (the weights of nn.Linear).
    Biases and BatchNorm parameters (gamma = bn.weight, beta = bn.bias) are NOT penalised.
    No factor 1/2.
    Returns a 0-dim tensor that depends on the parameters (so that backward() reaches them).
    """
    return lam * sum((p ** 2).sum().item() for p in model.parameters() if p.ndim >= 2)
