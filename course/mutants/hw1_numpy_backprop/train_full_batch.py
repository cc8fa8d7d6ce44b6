# grade_id: train
# kind: mutant
# mistake: ignores batch_size: one full-batch step per epoch
# caught_by: test_train
def train(params, X_train, y_train, X_val, y_val, *, epochs, batch_size, lr, activation, rng):
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    N = X_train.shape[0]
    for epoch in range(epochs):
        order = rng.permutation(N)
        logits, cache = forward(params, X_train[order], activation)
        grads = backward(params, cache, y_train[order], activation)
        params = sgd_step(params, grads, lr)
        for split, X, y in (("train", X_train, y_train), ("val", X_val, y_val)):
            logits, _ = forward(params, X, activation)
            history[f"{split}_loss"].append(cross_entropy(logits, y))
            history[f"{split}_acc"].append(float(np.mean(np.argmax(logits, axis=1) == y)))
    return params, history
