# grade_id: train
# kind: valid
# description: shuffles copies of the data with rng.shuffle on an index array, then slices
def train(params, X_train, y_train, X_val, y_val, *, epochs, batch_size, lr, activation, rng):
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    idx = np.arange(X_train.shape[0])
    for epoch in range(epochs):
        rng.shuffle(idx)
        Xs, ys = X_train[idx], y_train[idx]
        start = 0
        while start < len(Xs):
            Xb, yb = Xs[start:start + batch_size], ys[start:start + batch_size]
            _, cache = forward(params, Xb, activation)
            params = sgd_step(params, backward(params, cache, yb, activation), lr)
            start += batch_size
        for split, X, y in (("train", X_train, y_train), ("val", X_val, y_val)):
            logits = forward(params, X, activation)[0]
            history[split + "_loss"].append(cross_entropy(logits, y))
            history[split + "_acc"].append(np.mean(logits.argmax(axis=1) == y))
    return params, history
