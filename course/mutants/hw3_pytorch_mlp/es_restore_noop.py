# grade_id: EarlyStopping
# kind: mutant
# mistake: restore does not load the best weights into the model
# caught_by: test_EarlyStopping
# replace:
        model.load_state_dict(self.best_state)
# with:
        model.load_state_dict(model.state_dict())
