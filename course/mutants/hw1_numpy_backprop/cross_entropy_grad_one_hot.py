# grade_id: cross_entropy_grad
# kind: valid
# description: (softmax - one_hot(y)) / N with hwlib's one_hot
def cross_entropy_grad(logits, y):
    N, C = logits.shape
    return (softmax(logits) - one_hot(y, C, dtype=np.float64)) / N
