# grade_id: save_weights
# kind: mutant
# mistake: saved the parameters only, not the buffers (batch norm's running statistics)
# caught_by: test_save_weights
# names_mistake: hw6.save_missing_buffers
# replace:
    torch.save(model.state_dict(), tmp)
# with:
    torch.save({k: v.detach() for k, v in model.named_parameters()}, tmp)
# replace:
    model.load_state_dict(torch.load(path, weights_only=True))
# with:
    model.load_state_dict(torch.load(path, weights_only=True), strict=False)
