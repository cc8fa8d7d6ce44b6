# grade_id: build_mlp
# kind: mutant
# mistake: the optimizer is passed by name, so lr is ignored (Keras's default learning rate)
# caught_by: test_build_mlp
# replace:
    model.compile(optimizer=optimizers[optimizer](learning_rate=lr),
# with:
    model.compile(optimizer=optimizer,
