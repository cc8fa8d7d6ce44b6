# grade_id: save_weights
# kind: mutant
# mistake: saved the model object (torch.save(model)) instead of its state_dict
# caught_by: test_save_weights
# names_mistake: hw6.save_model_object
# replace:
    torch.save(model.state_dict(), tmp)
# with:
    torch.save(model, tmp)
# replace:
    model.load_state_dict(torch.load(path, weights_only=True))
# with:
    model.load_state_dict(torch.load(path, weights_only=False).state_dict())
