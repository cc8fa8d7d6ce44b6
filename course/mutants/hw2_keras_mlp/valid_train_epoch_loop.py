# grade_id: train_model
# kind: valid
# description: one fit call per epoch, merging the per-epoch histories into one dict
def train_model(model, X_train, y_train, X_val, y_val, epochs, batch_size):
    merged = {}
    for epoch in range(epochs):
        h = model.fit(X_train, y_train, batch_size=batch_size, epochs=1, shuffle=True,
                      validation_data=(X_val, y_val), verbose=0)
        for key, values in h.history.items():
            merged.setdefault(key, []).extend(float(v) for v in values)
    return merged
