# grade_id: confusion_matrix
# kind: mutant
# mistake: the matrix size is taken from the labels present, not n_classes
# caught_by: test_confusion_matrix
# replace:
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
# with:
    k = int(max(y_true.max(), y_pred.max())) + 1
    cm = np.zeros((k, k), dtype=np.int64)
