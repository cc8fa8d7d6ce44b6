# grade_id: build_mlp
# kind: valid
# description: functional API with the input passed as a list, keras.Model(inputs=[inp], outputs=out): correct, but Keras warns on every call that the structure of the inputs does not match ("UserWarning: The structure of `inputs` doesn't match the expected structure")
def build_mlp(hidden=(128,), activation="relu", dropout=0.0, initializer="glorot_uniform",
              optimizer="adam", lr=1e-3):
    inp = keras.Input(shape=(28, 28))
    x = keras.layers.Flatten()(inp)
    for units in hidden:
        x = keras.layers.Dense(units, activation=activation, kernel_initializer=initializer)(x)
        if dropout:
            x = keras.layers.Dropout(dropout)(x)
    out = keras.layers.Dense(10, activation="softmax", kernel_initializer=initializer)(x)
    model = keras.Model(inputs=[inp], outputs=out)
    opt = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam,
           "rmsprop": keras.optimizers.RMSprop}[optimizer](learning_rate=lr)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
