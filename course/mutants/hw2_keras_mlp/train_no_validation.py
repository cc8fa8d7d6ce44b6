# grade_id: train_model
# kind: mutant
# mistake: no validation_data, so the history has no val_loss / val_accuracy
# caught_by: test_train_model
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0)
    return history.history
