# grade_id: EarlyStopping
# kind: mutant
# mistake: best_loss stores val_loss - min_delta instead of the loss itself
# caught_by: test_EarlyStopping
# names_mistake: hw3.earlystopping_best_loss_loss_itself
# replace:
            self.best_loss = val_loss
# with:
            self.best_loss = val_loss - self.min_delta
