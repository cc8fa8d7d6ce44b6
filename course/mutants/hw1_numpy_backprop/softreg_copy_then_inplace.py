# grade_id: softmax_regression_step
# kind: valid
# description: copies W and b first, then updates the copies in place
def softmax_regression_step(W, b, X, y, lr, l2=0.0):
    W_new, b_new = W.copy(), b.copy()
    logits = X @ W + b
    G = cross_entropy_grad(logits, y)
    loss = cross_entropy(logits, y) + 0.5 * l2 * float((W ** 2).sum())
    W_new -= lr * (X.T @ G + l2 * W)
    b_new -= lr * G.sum(axis=0)
    return W_new, b_new, loss
