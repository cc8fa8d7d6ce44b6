# grade_id: initial_loss_check
# kind: mutant
# mistake: softmax before F.cross_entropy (which applies log-softmax itself)
# caught_by: test_initial_loss_check
# names_mistake: hw6.initial_loss_softmax_twice
# replace:
        return float(F.cross_entropy(model(X), y))
# with:
        return float(F.cross_entropy(F.softmax(model(X), dim=1), y))
