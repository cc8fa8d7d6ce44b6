# grade_id: predict
# kind: valid
# description: the argmax of each row through np.matrix: NumPy emits a PendingDeprecationWarning (the matrix subclass) for a correct result, which costs nothing (warnings policy)
import numpy as np


def predict(params, X, activation="relu"):
    """Predicted class labels: the index of the largest logit of each row."""
    logits, _ = forward(params, X, activation)
    return np.asarray(np.matrix(logits).argmax(axis=1)).ravel()
