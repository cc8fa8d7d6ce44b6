# grade_id: make_scheduler
# kind: mutant
# mistake: the warm-up starts at 0 (e / warmup instead of (e + 1) / warmup)
# caught_by: test_make_scheduler
def make_scheduler(optimizer, kind, epochs, warmup_epochs=0):
    """A learning-rate scheduler for `optimizer`, to be stepped ONCE PER EPOCH (after the epoch).

    With lr0 the optimizer's learning rate when the scheduler is created and e = 0, 1, ...,
    epochs-1 the number of scheduler.step() calls so far, the learning rate during epoch e is
      "none":           lr0
      "cosine":         lr0 * (1 + cos(pi * e / epochs)) / 2                  (warmup_epochs is ignored)
      "warmup_cosine":  lr0 * (e + 1) / warmup_epochs                                 if e < warmup_epochs
                        lr0 * (1 + cos(pi * (e - warmup_epochs) / (epochs - warmup_epochs))) / 2   otherwise
                        (so warmup_epochs = 0 gives "cosine"); 0 <= warmup_epochs < epochs.
    Returns a torch.optim.lr_scheduler object for every kind (for "none" a constant one, e.g.
    LambdaLR(optimizer, lambda e: 1.0)). Raises ValueError for any other kind.
    """
    if kind == "none":
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda e: 1.0)
    if kind not in ("cosine", "warmup_cosine"):
        raise ValueError(f"unknown schedule {kind!r}; use 'none', 'cosine' or 'warmup_cosine'")
    warmup = warmup_epochs if kind == "warmup_cosine" else 0

    def factor(e):
        if e < warmup:
            return e / warmup
        return 0.5 * (1.0 + math.cos(math.pi * (e - warmup) / (epochs - warmup)))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
