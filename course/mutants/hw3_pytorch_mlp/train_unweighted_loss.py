# grade_id: train_epoch
# kind: mutant
# mistake: returned loss is the plain average of the batch means
# caught_by: test_train_epoch
# replace:
        total_loss += loss.item() * len(y)
# with:
        total_loss += loss.item()
# replace:
    return total_loss / count, correct / count
# with:
    return total_loss / len(loader), correct / count
