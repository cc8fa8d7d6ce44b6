# grade_id: EarlyStopping
# kind: valid
# description: copies the state dict with torch.tensor(v) (a real copy; PyTorch warns that clone().detach() is recommended)
# replace:
                self.best_state = copy.deepcopy(model.state_dict())
# with:
                self.best_state = {k: torch.tensor(v) for k, v in model.state_dict().items()}
