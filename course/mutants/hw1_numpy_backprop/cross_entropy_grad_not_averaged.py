# grade_id: cross_entropy_grad
# kind: mutant
# mistake: gradient summed over the batch instead of averaged (no division by N)
# caught_by: test_cross_entropy_grad
# names_mistake: hw1.cross_entropy_grad_gradient_summed_over_batch
def cross_entropy_grad(logits, y):
    grad = softmax(logits)
    grad[np.arange(len(y)), y] -= 1.0
    return grad
