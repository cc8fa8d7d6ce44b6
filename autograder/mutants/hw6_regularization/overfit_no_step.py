# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: optimizer.step() missing: the weights never change
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_not_100_percent
# replace:
        optimizer.step()
# with:
        pass
