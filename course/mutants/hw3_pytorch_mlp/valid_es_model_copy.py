# grade_id: EarlyStopping
# kind: valid
# description: keeps a deep copy of the whole model and counts with an epoch index; clones tensors on restore
# replace:
        val_loss = float(val_loss)
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.num_bad_epochs = 0
            if model is not None:
                self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.num_bad_epochs += 1
# with:
        if not hasattr(self, "_epoch"):
            self._epoch, self._best_epoch, self._best_model = -1, -1, None
        self._epoch += 1
        if float(val_loss) + self.min_delta < self.best_loss:
            self.best_loss, self._best_epoch = float(val_loss), self._epoch
            if model is not None:
                self._best_model = copy.deepcopy(model)
                self.best_state = {k: v.detach().clone() for k, v in self._best_model.state_dict().items()}
        self.num_bad_epochs = self._epoch - self._best_epoch
# replace:
        model.load_state_dict(self.best_state)
# with:
        model.load_state_dict({k: v.clone() for k, v in self.best_state.items()})
