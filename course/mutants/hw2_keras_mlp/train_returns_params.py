# grade_id: train_model
# kind: mutant
# mistake: returns the History's wrong dict (history.params) instead of history.history
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
                        validation_data=(X_val, y_val), verbose=0)
    return history.params
