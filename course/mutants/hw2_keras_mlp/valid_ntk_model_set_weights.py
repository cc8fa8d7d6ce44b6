# grade_id: numpy_to_keras
# kind: valid
# description: one model.set_weights call with the flat list [W1, b1, W2, b2, ...]
def numpy_to_keras(params, model):
    model.set_weights([array for W, b in params for array in (W, b)])
    return model
