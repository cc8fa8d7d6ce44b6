# grade_id: build_mlp
# kind: mutant
# mistake: the output layer has no softmax, so the model outputs logits
# caught_by: test_build_mlp
# replace:
    model.add(keras.layers.Dense(10, activation="softmax", kernel_initializer=initializer))
# with:
    model.add(keras.layers.Dense(10, kernel_initializer=initializer))
