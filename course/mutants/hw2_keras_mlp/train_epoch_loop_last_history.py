# grade_id: train_model
# kind: mutant
# mistake: calls fit once per epoch but returns only the last call's history (one entry per key)
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    for _ in range(epochs):
        history = model.fit(X_train, y_train, epochs=1, batch_size=batch_size,
                            validation_data=(X_val, y_val), verbose=0)
    return history.history
