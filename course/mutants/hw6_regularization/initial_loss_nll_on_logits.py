# grade_id: initial_loss_check
# kind: mutant
# mistake: F.nll_loss on the logits (no log-softmax)
# caught_by: test_initial_loss_check
# names_mistake: hw6.initial_loss_nll_on_logits
# replace:
        return float(F.cross_entropy(model(X), y))
# with:
        return float(F.nll_loss(model(X), y))
