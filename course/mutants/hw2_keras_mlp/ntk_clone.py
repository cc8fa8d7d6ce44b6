# grade_id: numpy_to_keras
# kind: mutant
# mistake: loads the weights into a copy of the model and returns the copy; the given model is unchanged
# caught_by: test_numpy_to_keras
def numpy_to_keras(params, model):
    copy = keras.models.clone_model(model)
    dense = [layer for layer in copy.layers if isinstance(layer, keras.layers.Dense)]
    for layer, (W, b) in zip(dense, params):
        layer.set_weights([W, b])
    return copy
