# grade_id: make_scheduler
# kind: valid
# description: built from torch's ConstantLR, LinearLR, CosineAnnealingLR and SequentialLR
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
    from torch.optim.lr_scheduler import ConstantLR, CosineAnnealingLR, LinearLR, SequentialLR
    if kind == "none":
        return ConstantLR(optimizer, factor=1.0, total_iters=0)
    if kind == "cosine" or (kind == "warmup_cosine" and warmup_epochs == 0):
        return CosineAnnealingLR(optimizer, T_max=epochs)
    if kind == "warmup_cosine":
        warm = LinearLR(optimizer, start_factor=1 / warmup_epochs, end_factor=1.0,
                        total_iters=max(warmup_epochs - 1, 1))
        cos = CosineAnnealingLR(optimizer, T_max=epochs - warmup_epochs)
        return SequentialLR(optimizer, [warm, cos], milestones=[warmup_epochs])
    raise ValueError(f"unknown kind {kind!r}")
