# grade_id: train_model
# kind: mutant
# mistake: trains on the validation data (arguments swapped)
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_val, y_val, epochs=epochs, batch_size=batch_size,
                        validation_data=(X_train, y_train), verbose=0)
    return history.history
