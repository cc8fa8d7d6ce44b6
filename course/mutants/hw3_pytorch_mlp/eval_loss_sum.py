# grade_id: evaluate
# kind: mutant
# mistake: returns the sum of the batch losses (each weighted by its size) without dividing by the number of examples
# caught_by: test_evaluate
# names_mistake: hw3.evaluate_sum_batch_losses
# replace:
    return total_loss / count, correct / count
# with:
    return total_loss, correct / count
