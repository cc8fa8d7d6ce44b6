# grade_id: predict
# kind: mutant
# mistake: returns softmax probabilities (N, C) instead of labels
# caught_by: test_predict
def predict(params, X, activation="relu"):
    logits, _ = forward(params, X, activation)
    return softmax(logits)
