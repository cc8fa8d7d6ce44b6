# grade_id: train
# kind: mutant
# mistake: shuffles with np.random.permutation instead of rng (not reproducible)
# caught_by: test_train
def train(params, X_train, y_train, X_val, y_val, *, epochs, batch_size, lr, activation, rng):
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    N = X_train.shape[0]
    for epoch in range(epochs):
        order = np.random.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            logits, cache = forward(params, X_train[idx], activation)
            grads = backward(params, cache, y_train[idx], activation)
            params = sgd_step(params, grads, lr)
        for split, X, y in (("train", X_train, y_train), ("val", X_val, y_val)):
            logits, _ = forward(params, X, activation)
            history[f"{split}_loss"].append(cross_entropy(logits, y))
            history[f"{split}_acc"].append(float(np.mean(np.argmax(logits, axis=1) == y)))
    return params, history
