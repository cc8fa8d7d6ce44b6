# grade_id: softmax_regression_step
# kind: valid
# description: the L2 step written as weight decay (1 - lr * l2) * W; log-softmax loss computed inline
def softmax_regression_step(W, b, X, y, lr, l2=0.0):
    z = X @ W + b
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
    loss = -np.mean(log_p[np.arange(len(y)), y]) + 0.5 * l2 * np.sum(W ** 2)
    G = cross_entropy_grad(z, y)
    return (1.0 - lr * l2) * W - lr * (X.T @ G), b - lr * np.sum(G, axis=0), loss
