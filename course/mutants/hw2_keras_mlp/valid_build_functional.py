# grade_id: build_mlp
# kind: valid
# description: functional API (keras.Model(inputs, outputs)) with separate Activation layers and a separate softmax
def build_mlp(hidden=(128,), activation="relu", dropout=0.0, initializer="glorot_uniform",
              optimizer="adam", lr=1e-3):
    inputs = keras.Input(shape=(28, 28), name="image")
    x = keras.layers.Flatten()(inputs)
    for units in hidden:
        x = keras.layers.Dense(units, kernel_initializer=initializer)(x)
        x = keras.layers.Activation(activation)(x)
        if dropout:
            x = keras.layers.Dropout(rate=dropout)(x)
    x = keras.layers.Dense(10, kernel_initializer=initializer)(x)
    outputs = keras.layers.Activation("softmax")(x)
    model = keras.Model(inputs, outputs, name="mlp")
    opt = {"sgd": keras.optimizers.SGD(learning_rate=lr),
           "adam": keras.optimizers.Adam(learning_rate=lr),
           "rmsprop": keras.optimizers.RMSprop(learning_rate=lr)}[optimizer]
    model.compile(optimizer=opt, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False),
                  metrics=["accuracy"])
    return model
