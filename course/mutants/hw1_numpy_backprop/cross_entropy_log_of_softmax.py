# grade_id: cross_entropy
# kind: mutant
# mistake: log(softmax(z)): log(0) = -inf when a probability underflows
# caught_by: test_cross_entropy
def cross_entropy(logits, y):
    p = softmax(logits)
    return float(-np.log(p[np.arange(len(y)), y]).mean())
