# grade_id: train_model
# kind: mutant
# mistake: trains on the validation data (arguments swapped)
# caught_by: test_train_model
# names_mistake: hw2.train_model_trained_on_validation
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_val, y_val, epochs=epochs, batch_size=batch_size,
                        validation_data=(X_train, y_train), verbose=0)
    return history.history
