# grade_id: predict
# kind: valid
# description: argmax of softmax probabilities computed in float32
def predict(params, X, activation="relu"):
    logits, _ = forward(params, X, activation)
    return softmax(logits.astype(np.float32)).argmax(axis=1)
