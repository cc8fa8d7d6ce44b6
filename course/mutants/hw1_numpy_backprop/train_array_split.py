# grade_id: train
# kind: valid
# description: batches from np.array_split of a shuffled index array; uses the student's predict
def train(params, X_train, y_train, X_val, y_val, *, epochs, batch_size, lr, activation, rng):
    history = {key: [] for key in ("train_loss", "train_acc", "val_loss", "val_acc")}
    n = len(X_train)
    n_batches = max(1, int(np.ceil(n / batch_size)))
    for _ in range(epochs):
        for idx in np.array_split(rng.permutation(n), n_batches):
            _, cache = forward(params, X_train[idx], activation)
            params = sgd_step(params, backward(params, cache, y_train[idx], activation), lr)
        for name, X, y in (("train", X_train, y_train), ("val", X_val, y_val)):
            history[name + "_loss"].append(float(cross_entropy(forward(params, X, activation)[0], y)))
            history[name + "_acc"].append(float(np.mean(predict(params, X, activation) == y)))
    return params, history
