# grade_id: cross_entropy
# kind: mutant
# mistake: np.mean over the N x C one-hot product: divides by N*C instead of N
# caught_by: test_cross_entropy
# names_mistake: hw1.cross_entropy_averaged_over_all_entries
def cross_entropy(logits, y):
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    Y = np.eye(logits.shape[1])[y]
    return float(-np.mean(Y * log_probs))
