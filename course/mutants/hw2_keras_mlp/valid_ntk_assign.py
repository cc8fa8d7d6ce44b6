# grade_id: numpy_to_keras
# kind: valid
# description: picks the layers that own weights and assigns kernel and bias variables directly
def numpy_to_keras(params, model):
    weighted = [layer for layer in model.layers if layer.weights]
    assert len(weighted) == len(params)
    for layer, (W, b) in zip(weighted, params):
        layer.kernel.assign(W.astype("float32"))
        layer.bias.assign(b.astype("float32"))
    return model
