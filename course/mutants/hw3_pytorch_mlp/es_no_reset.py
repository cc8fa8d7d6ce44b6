# grade_id: EarlyStopping
# kind: mutant
# mistake: num_bad_epochs not reset when the loss improves
# caught_by: test_EarlyStopping
# replace:
            self.num_bad_epochs = 0
# with:
