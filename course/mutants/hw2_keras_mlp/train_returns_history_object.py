# grade_id: train_model
# kind: mutant
# mistake: returns the History object instead of its dict history.history
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    return model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
                     validation_data=(X_val, y_val), verbose=0)
