# grade_id: cross_entropy
# kind: valid
# description: one-hot matrix (hwlib one_hot) times log-softmax, summed and divided by N
def cross_entropy(logits, y):
    N, C = logits.shape
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return -np.sum(one_hot(y, C, dtype=np.float64) * log_probs) / N
