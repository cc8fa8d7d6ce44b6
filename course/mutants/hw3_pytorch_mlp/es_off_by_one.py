# grade_id: EarlyStopping
# kind: mutant
# mistake: stops one epoch late: num_bad_epochs > patience
# caught_by: test_EarlyStopping
# replace:
        return self.num_bad_epochs >= self.patience
# with:
        return self.num_bad_epochs > self.patience
