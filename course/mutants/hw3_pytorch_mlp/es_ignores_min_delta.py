# grade_id: EarlyStopping
# kind: mutant
# mistake: min_delta ignored: any decrease counts as an improvement
# caught_by: test_EarlyStopping
# replace:
        if val_loss < self.best_loss - self.min_delta:
# with:
        if val_loss < self.best_loss:
