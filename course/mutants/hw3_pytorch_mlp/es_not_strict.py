# grade_id: EarlyStopping
# kind: mutant
# mistake: an epoch exactly min_delta below best_loss counts as an improvement (<= instead of <)
# caught_by: test_EarlyStopping
# replace:
        if val_loss < self.best_loss - self.min_delta:
# with:
        if val_loss <= self.best_loss - self.min_delta:
