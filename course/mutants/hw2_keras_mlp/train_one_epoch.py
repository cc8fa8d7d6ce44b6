# grade_id: train_model
# kind: mutant
# mistake: fit is called with epochs=1 whatever the epochs argument says
# caught_by: test_train_model
# names_mistake: hw2.train_model_one_epoch
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    history = model.fit(X_train, y_train, epochs=1, batch_size=batch_size,
                        validation_data=(X_val, y_val), verbose=0)
    return history.history
