# grade_id: confusion_matrix
# kind: valid
# description: torch.bincount on n_classes * y_true + y_pred
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C[i, j] = number of examples of true class i predicted as class j.

    y_true, y_pred: (N,) integer labels in [0, n_classes) (NumPy arrays or torch tensors).
    n_classes: the number of classes C (classes that never occur give rows/columns of zeros).
    Returns a (C, C) NumPy array of integers: rows = true class, columns = predicted class.
    """
    t = torch.as_tensor(y_true).long().flatten()
    p = torch.as_tensor(y_pred).long().flatten()
    counts = torch.bincount(n_classes * t + p, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes).numpy()
