# grade_id: EarlyStopping
# kind: mutant
# mistake: best_state = model.state_dict() without a copy: it follows the model, restore gives the latest weights
# caught_by: test_EarlyStopping
# replace:
                self.best_state = copy.deepcopy(model.state_dict())
# with:
                self.best_state = model.state_dict()
