# grade_id: build_mlp
# kind: mutant
# mistake: the initializer is applied to the hidden layers but not to the output layer
# caught_by: test_build_mlp
# replace:
    model.add(keras.layers.Dense(10, activation="softmax", kernel_initializer=initializer))
# with:
    model.add(keras.layers.Dense(10, activation="softmax"))
