# grade_id: numpy_to_keras
# kind: mutant
# mistake: loads W transposed, as if Keras stored the kernel as (n_out, n_in)
# caught_by: test_numpy_to_keras
def numpy_to_keras(params, model):
    dense = [layer for layer in model.layers if layer.get_weights()]
    for layer, (W, b) in zip(dense, params):
        layer.set_weights([W.T, b])
    return model
