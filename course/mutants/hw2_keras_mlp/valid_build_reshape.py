# grade_id: build_mlp
# kind: valid
# description: Reshape((784,)) instead of Flatten, initializer objects from keras.initializers.get, an if/elif optimizer choice, an explicit SparseCategoricalAccuracy metric named "accuracy"
def build_mlp(hidden=(128,), activation="relu", dropout=0.0, initializer="glorot_uniform",
              optimizer="adam", lr=1e-3):
    model = keras.Sequential()
    model.add(keras.Input(shape=(28, 28)))
    model.add(keras.layers.Reshape((28 * 28,)))
    for units in hidden:
        model.add(keras.layers.Dense(units, activation=activation,
                                     kernel_initializer=keras.initializers.get(initializer)))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(10, activation="softmax",
                                 kernel_initializer=keras.initializers.get(initializer)))
    if optimizer == "sgd":
        opt = keras.optimizers.SGD(learning_rate=lr)
    elif optimizer == "adam":
        opt = keras.optimizers.Adam(learning_rate=lr)
    elif optimizer == "rmsprop":
        opt = keras.optimizers.RMSprop(learning_rate=lr)
    else:
        raise ValueError(f"unknown optimizer {optimizer!r}")
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy",
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")])
    return model
