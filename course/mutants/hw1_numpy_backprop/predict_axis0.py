# grade_id: predict
# kind: mutant
# mistake: argmax over the wrong axis (examples instead of classes)
# caught_by: test_predict
def predict(params, X, activation="relu"):
    logits, _ = forward(params, X, activation)
    return np.argmax(logits, axis=0)
