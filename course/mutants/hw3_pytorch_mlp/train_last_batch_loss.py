# grade_id: train_epoch
# kind: mutant
# mistake: returns the loss of the last batch only
# caught_by: test_train_epoch
# names_mistake: hw3.train_epoch_loss_last_batch_only
# replace:
    return total_loss / count, correct / count
# with:
    return loss.item(), correct / count
