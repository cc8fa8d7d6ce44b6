# grade_id: train_epoch
# kind: mutant
# mistake: returns the sum of the batch losses weighted by size, not divided by the number of examples
# caught_by: test_train_epoch
# names_mistake: hw3.train_epoch_sum_batch_losses_divide
# replace:
    return total_loss / count, correct / count
# with:
    return total_loss, correct / count
