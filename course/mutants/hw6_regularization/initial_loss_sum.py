# grade_id: initial_loss_check
# kind: mutant
# mistake: the loss summed over the images instead of averaged
# caught_by: test_initial_loss_check
# names_mistake: hw6.initial_loss_sum
# replace:
        return float(F.cross_entropy(model(X), y))
# with:
        return float(F.cross_entropy(model(X), y, reduction="sum"))
