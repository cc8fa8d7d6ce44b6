# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: the gradients are never zeroed: every step follows the sum of all the gradients so far
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_gradients_not_zeroed
# replace:
        optimizer.zero_grad()
# with:
        pass
