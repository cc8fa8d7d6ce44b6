# grade_id: build_mlp
# kind: mutant
# mistake: the optimizer argument is ignored (always Adam)
# caught_by: test_build_mlp
# replace:
    model.compile(optimizer=optimizers[optimizer](learning_rate=lr),
# with:
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr),
