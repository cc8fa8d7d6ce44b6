# grade_id: train_cnn
# kind: mutant
# mistake: history["train_loss"] holds the loss of the epoch's last batch instead of the mean over the epoch
# caught_by: test_train_cnn
# names_mistake: hw4.train_cnn_history_not_epoch_mean
# replace:
        history["train_loss"].append(loss_sum.item() / n)
# with:
        history["train_loss"].append(loss.item())
