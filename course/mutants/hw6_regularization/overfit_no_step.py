# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: optimizer.step() missing: the weights never change
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_loss_not_decreasing
# replace:
        optimizer.step()
# with:
        pass
