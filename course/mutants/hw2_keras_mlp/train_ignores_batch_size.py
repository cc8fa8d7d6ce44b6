# grade_id: train_model
# kind: mutant
# mistake: batch_size is not passed to fit (Keras's default 32 is used)
# caught_by: test_train_model
# names_mistake: hw2.train_model_batch_size_ignored
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=epochs,
                        validation_data=(X_val, y_val), verbose=0)
    return history.history
