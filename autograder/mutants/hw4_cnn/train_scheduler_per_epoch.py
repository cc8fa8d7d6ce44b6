# grade_id: train_cnn
# kind: mutant
# mistake: the one-cycle scheduler is stepped once per epoch instead of once per batch
# caught_by: test_train_cnn
def train_cnn(model, X_train, y_train, epochs, batch_size, lr, augment=False,
              X_val=None, y_val=None, seed=0):
    torch.manual_seed(seed)
    X = torch.as_tensor(X_train, dtype=torch.float32)
    y = torch.as_tensor(y_train, dtype=torch.long)
    n = len(X)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, epochs=epochs,
                                                    steps_per_epoch=math.ceil(n / batch_size))
    aug = make_augmentation() if augment else None
    history = {"train_loss": [], "train_acc": [], "seconds": []}
    if X_val is not None:
        history.update(val_loss=[], val_acc=[])
        y_val_t = torch.as_tensor(y_val, dtype=torch.long)
    for _ in progress(range(epochs), desc="epochs"):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(n)
        loss_sum, correct = 0.0, 0
        for i in range(0, n, batch_size):
            idx = order[i:i + batch_size]
            xb, yb = X[idx], y[idx]
            if aug is not None:
                xb = torch.cat([aug(group) for group in xb.split(16)])
            optimizer.zero_grad()
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(dim=1) == yb).sum().item()
        scheduler.step()
        history["train_loss"].append(loss_sum / n)
        history["train_acc"].append(correct / n)
        if X_val is not None:
            val_logits = predict_logits(model, X_val)
            history["val_loss"].append(F.cross_entropy(val_logits, y_val_t).item())
            history["val_acc"].append((val_logits.argmax(dim=1) == y_val_t).float().mean().item())
        history["seconds"].append(time.perf_counter() - start)
    return history
