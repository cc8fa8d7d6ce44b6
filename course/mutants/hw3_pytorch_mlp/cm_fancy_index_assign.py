# grade_id: confusion_matrix
# kind: mutant
# mistake: cm[y_true, y_pred] += 1: a pair that occurs several times is counted once
# caught_by: test_confusion_matrix
# replace:
    np.add.at(cm, (y_true, y_pred), 1)
# with:
    cm[y_true, y_pred] += 1
