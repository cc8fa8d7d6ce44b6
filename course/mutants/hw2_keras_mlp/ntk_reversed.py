# grade_id: numpy_to_keras
# kind: mutant
# mistake: loads the layers in the wrong order (last (W, b) into the first Dense layer)
# caught_by: test_numpy_to_keras
def numpy_to_keras(params, model):
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    for layer, (W, b) in zip(dense, reversed(params)):
        layer.set_weights([W, b])
    return model
