# grade_id: train_model
# kind: mutant
# mistake: validation_split=0.1 of the training set instead of the given validation data
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
                        validation_split=0.1, verbose=0)
    return history.history
