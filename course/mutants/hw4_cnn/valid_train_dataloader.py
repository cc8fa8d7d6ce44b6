# grade_id: train_cnn
# kind: valid
# description: a DataLoader with a seeded generator, OneCycleLR with total_steps, the loss SUMMED over the batch for backward (Adam is almost scale-free), validation summed per batch of 128 (unequal last batch)
def train_cnn(model, X_train, y_train, epochs, batch_size, lr, augment=False,
              X_val=None, y_val=None, seed=0):
    torch.manual_seed(seed)
    data = torch.utils.data.TensorDataset(torch.from_numpy(np.asarray(X_train, np.float32)),
                                          torch.from_numpy(np.asarray(y_train, np.int64)))
    loader = torch.utils.data.DataLoader(data, batch_size=batch_size, shuffle=True,
                                         generator=torch.Generator().manual_seed(seed))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * len(loader))
    transform = make_augmentation()
    hist = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": [], "seconds": []}
    for epoch in range(epochs):
        t0 = time.time()
        model.train()
        total, n_correct, seen = 0.0, 0, 0
        for xb, yb in loader:
            if augment:
                xb = torch.cat([transform(part) for part in torch.split(xb, 16)])
            out = model(xb)
            loss = F.cross_entropy(out, yb, reduction="sum")
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss)
            n_correct += int((out.argmax(1) == yb).sum())
            seen += len(yb)
        hist["train_loss"].append(total / seen)
        hist["train_acc"].append(n_correct / seen)
        if X_val is not None:
            model.eval()
            vloss, vcorrect = 0.0, 0
            with torch.no_grad():
                for i in range(0, len(X_val), 128):
                    xv = torch.from_numpy(np.asarray(X_val[i:i + 128], np.float32))
                    yv = torch.from_numpy(np.asarray(y_val[i:i + 128], np.int64))
                    out = model(xv)
                    vloss += F.cross_entropy(out, yv, reduction="sum").item()
                    vcorrect += int((out.argmax(1) == yv).sum())
            hist["val_loss"].append(vloss / len(X_val))
            hist["val_acc"].append(vcorrect / len(X_val))
        hist["seconds"].append(time.time() - t0)
    if X_val is None:
        del hist["val_loss"], hist["val_acc"]
    return hist
