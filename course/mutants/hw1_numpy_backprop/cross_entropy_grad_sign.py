# grade_id: cross_entropy_grad
# kind: mutant
# mistake: onehot - softmax instead of softmax - onehot
# caught_by: test_cross_entropy_grad
# names_mistake: hw1.cross_entropy_grad_wrong_sign_softmax_onehot
def cross_entropy_grad(logits, y):
    grad = -softmax(logits)
    grad[np.arange(len(y)), y] += 1.0
    return grad / len(y)
