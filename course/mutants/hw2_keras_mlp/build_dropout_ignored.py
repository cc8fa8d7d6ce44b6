# grade_id: build_mlp
# kind: mutant
# mistake: the dropout argument is ignored (no Dropout layers)
# caught_by: test_build_mlp
def build_mlp(hidden=(128,), activation="relu", dropout=0.0, initializer="glorot_uniform",
              optimizer="adam", lr=1e-3):
    optimizers = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam,
                  "rmsprop": keras.optimizers.RMSprop}
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])
    for units in hidden:
        model.add(keras.layers.Dense(units, activation=activation, kernel_initializer=initializer))
    model.add(keras.layers.Dense(10, activation="softmax", kernel_initializer=initializer))
    model.compile(optimizer=optimizers[optimizer](learning_rate=lr),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
