# grade_id: numpy_to_keras
# kind: mutant
# mistake: only the kernels are loaded; the biases keep their initial value 0
# caught_by: test_numpy_to_keras
def numpy_to_keras(params, model):
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    for layer, (W, b) in zip(dense, params):
        layer.kernel.assign(W)
    return model
