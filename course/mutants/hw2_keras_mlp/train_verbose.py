# grade_id: train_model
# kind: mutant
# mistake: fit keeps its default verbose="auto" and prints a progress bar per epoch
# caught_by: test_train_model
# names_mistake: hw2.train_model_prints_progress
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
                        validation_data=(X_val, y_val))
    return history.history
