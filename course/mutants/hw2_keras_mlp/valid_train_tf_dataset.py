# grade_id: train_model
# kind: valid
# description: tf.data pipelines from hwlib.datasets.to_tf_dataset (reshuffled every epoch) instead of NumPy arrays
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    from hwlib.datasets import to_tf_dataset

    train_ds = to_tf_dataset(X_train, y_train, batch_size=batch_size, shuffle=True, seed=1)
    val_ds = to_tf_dataset(X_val, y_val, batch_size=batch_size, shuffle=False)
    history = model.fit(train_ds, epochs=epochs, validation_data=val_ds, verbose=0)
    return dict(history.history)
