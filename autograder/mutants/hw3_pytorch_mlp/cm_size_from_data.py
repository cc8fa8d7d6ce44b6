# grade_id: confusion_matrix
# kind: mutant
# mistake: the matrix size is taken from the labels present, not n_classes
# caught_by: test_confusion_matrix
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C[i, j] = number of examples of true class i predicted as class j.

    y_true, y_pred: (N,) integer labels in [0, n_classes) (NumPy arrays or torch tensors).
    n_classes: the number of classes C (classes that never occur give rows/columns of zeros).
    Returns a (C, C) NumPy array of integers: rows = true class, columns = predicted class.
    """
    y_true = np.asarray(y_true, dtype=np.int64).ravel()
    y_pred = np.asarray(y_pred, dtype=np.int64).ravel()
    k = int(max(y_true.max(), y_pred.max())) + 1
    cm = np.zeros((k, k), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm
