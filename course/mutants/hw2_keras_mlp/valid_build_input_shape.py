# grade_id: build_mlp
# kind: valid
# description: Flatten(input_shape=...) (Keras warns about the style), layers passed as a list, optimizer via keras.optimizers.get with a config dict, loss object
def build_mlp(hidden=(128,), activation="relu", dropout=0.0, initializer="glorot_uniform",
              optimizer="adam", lr=1e-3):
    layers = [keras.layers.Flatten(input_shape=(28, 28))]
    for units in hidden:
        layers.append(keras.layers.Dense(units, activation=activation,
                                         kernel_initializer=initializer, bias_initializer="zeros"))
        if dropout > 0:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(10, activation="softmax", kernel_initializer=initializer))
    model = keras.Sequential(layers)
    names = {"sgd": "SGD", "adam": "Adam", "rmsprop": "RMSprop"}
    opt = keras.optimizers.get({"class_name": names[optimizer], "config": {"learning_rate": lr}})
    model.compile(optimizer=opt, loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=["accuracy"])
    return model
