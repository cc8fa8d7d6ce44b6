# grade_id: predict
# kind: mutant
# mistake: does not pass the activation on to forward (always ReLU)
# caught_by: test_predict
def predict(params, X, activation="relu"):
    logits, _ = forward(params, X)
    return np.argmax(logits, axis=1)
