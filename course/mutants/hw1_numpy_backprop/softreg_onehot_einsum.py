# grade_id: softmax_regression_step
# kind: valid
# description: explicit one-hot matrix and einsum for dW; the penalty via np.linalg.norm
def softmax_regression_step(W, b, X, y, lr, l2=0.0):
    logits = X @ W + b
    N, C = logits.shape
    G = (softmax(logits) - np.eye(C)[y]) / N
    dW = np.einsum("nd,nc->dc", X, G) + l2 * W
    loss = cross_entropy(logits, y) + l2 / 2 * np.linalg.norm(W) ** 2
    return W - lr * dW, b - lr * G.sum(axis=0), loss
