# grade_id: train
# kind: mutant
# mistake: train_loss/train_acc averaged over the epoch's minibatches instead of evaluated at the end
# caught_by: test_train
# names_mistake: hw1.train_recorded_before_epoch_updates
def train(params, X_train, y_train, X_val, y_val, *, epochs, batch_size, lr, activation, rng):
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    N = X_train.shape[0]
    for epoch in range(epochs):
        order = rng.permutation(N)
        losses, hits = [], 0
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            logits, cache = forward(params, X_train[idx], activation)
            losses.append(cross_entropy(logits, y_train[idx]) * len(idx))
            hits += int(np.sum(np.argmax(logits, axis=1) == y_train[idx]))
            grads = backward(params, cache, y_train[idx], activation)
            params = sgd_step(params, grads, lr)
        history["train_loss"].append(sum(losses) / N)
        history["train_acc"].append(hits / N)
        logits, _ = forward(params, X_val, activation)
        history["val_loss"].append(cross_entropy(logits, y_val))
        history["val_acc"].append(float(np.mean(np.argmax(logits, axis=1) == y_val)))
    return params, history
