# grade_id: save_weights
# kind: mutant
# mistake: load_weights returns the loaded dict and leaves the model unchanged
# caught_by: test_save_weights
# names_mistake: hw6.load_not_in_place
# replace:
    model.load_state_dict(torch.load(path, weights_only=True))
    return model
# with:
    return torch.load(path, weights_only=True)
