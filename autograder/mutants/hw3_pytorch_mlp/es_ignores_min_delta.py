# grade_id: EarlyStopping
# kind: mutant
# mistake: min_delta ignored: any decrease counts as an improvement
# caught_by: test_EarlyStopping
class EarlyStopping:
    """Stop training when the validation loss has not improved for `patience` epochs.

    patience: stop after this many epochs in a row without improvement (an int >= 1).
    min_delta: an epoch improves only if val_loss < best_loss - min_delta.
    Attributes: best_loss (float, +inf at first), num_bad_epochs (int), best_state (a COPY of
    the best epoch's model.state_dict(), or None).

    step(val_loss, model=None) -> bool: call once per epoch (see the rules above):
        if val_loss < best_loss - min_delta: best_loss = val_loss, num_bad_epochs = 0 and, if a
        model is given, best_state = a copy of model.state_dict(); otherwise num_bad_epochs += 1.
        Returns True (stop) if num_bad_epochs >= patience, else False.
    restore(model): load best_state into model (model.load_state_dict).
    """

    def __init__(self, patience=5, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = math.inf
        self.num_bad_epochs = 0
        self.best_state = None

    def step(self, val_loss, model=None):
        val_loss = float(val_loss)
        if val_loss < self.best_loss:
            self.best_loss = val_loss
            self.num_bad_epochs = 0
            if model is not None:
                self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.num_bad_epochs += 1
        return self.num_bad_epochs >= self.patience

    def restore(self, model):
        model.load_state_dict(self.best_state)
