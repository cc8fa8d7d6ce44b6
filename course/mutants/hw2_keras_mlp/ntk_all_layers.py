# grade_id: numpy_to_keras
# kind: mutant
# mistake: zips params with model.layers, so the weights go to Flatten / Dropout layers (wrong layers)
# caught_by: test_numpy_to_keras
def numpy_to_keras(params, model):
    for layer, (W, b) in zip(model.layers, params):
        layer.set_weights([W, b])
    return model
