# grade_id: confusion_matrix
# kind: valid
# description: converts the labels with torch.tensor(...) (PyTorch warns when it copies a tensor that way) and counts with a loop over the classes
# replace:
    y_true = np.asarray(y_true, dtype=np.int64).ravel()
    y_pred = np.asarray(y_pred, dtype=np.int64).ravel()
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y_true, y_pred), 1)
    return cm
# with:
    t = torch.tensor(y_true).long().flatten()
    p = torch.tensor(y_pred).long().flatten()
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    for i in range(n_classes):
        cm[i] = torch.bincount(p[t == i], minlength=n_classes).numpy()
    return cm
