# grade_id: cross_entropy
# kind: mutant
# mistake: loss summed over the batch instead of averaged
# caught_by: test_cross_entropy
# names_mistake: hw1.cross_entropy_summed_over_batch_averaged
def cross_entropy(logits, y):
    m = logits.max(axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].sum())
