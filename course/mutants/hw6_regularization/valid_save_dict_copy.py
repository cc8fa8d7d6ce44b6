# grade_id: save_weights
# kind: valid
# description: a plain dict copy of the state_dict, written in place; loaded key by key with copy_
def save_weights(model, path):
    torch.save({k: v.detach().clone() for k, v in model.state_dict().items()}, path)


def load_weights(model, path):
    saved = torch.load(path, weights_only=True)
    own = model.state_dict()
    assert set(saved) == set(own), "keys differ"
    with torch.no_grad():
        for k, v in own.items():
            v.copy_(saved[k])
    return model
