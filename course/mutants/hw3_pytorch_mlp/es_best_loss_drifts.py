# grade_id: EarlyStopping
# kind: mutant
# mistake: best_loss also follows epochs that did not improve by more than min_delta
# caught_by: test_EarlyStopping
# names_mistake: hw3.earlystopping_best_loss_drifts
# replace:
        else:
            self.num_bad_epochs += 1
# with:
        else:
            self.num_bad_epochs += 1
            self.best_loss = min(self.best_loss, val_loss)
