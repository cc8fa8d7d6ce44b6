# grade_id: confusion_matrix
# kind: mutant
# mistake: rows are the predictions and columns the true classes
# caught_by: test_confusion_matrix
# replace:
    np.add.at(cm, (y_true, y_pred), 1)
# with:
    np.add.at(cm, (y_pred, y_true), 1)
