# grade_id: build_mlp
# kind: mutant
# mistake: the hidden layers always use relu, whatever the activation argument says
# caught_by: test_build_mlp
# replace:
        model.add(keras.layers.Dense(units, activation=activation, kernel_initializer=initializer))
# with:
        model.add(keras.layers.Dense(units, activation="relu", kernel_initializer=initializer))
