# grade_id: evaluate
# kind: mutant
# mistake: accuracy returned in percent
# caught_by: test_evaluate
# names_mistake: hw3.train_epoch_accuracy_percent_return_fraction
# replace:
    return total_loss / count, correct / count
# with:
    return total_loss / count, 100.0 * correct / count
