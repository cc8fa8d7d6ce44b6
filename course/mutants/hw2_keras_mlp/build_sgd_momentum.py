# grade_id: build_mlp
# kind: mutant
# mistake: 'sgd' builds SGD with momentum 0.9 instead of plain SGD
# caught_by: test_build_mlp
# replace:
    optimizers = {"sgd": keras.optimizers.SGD, "adam": keras.optimizers.Adam,
                  "rmsprop": keras.optimizers.RMSprop}
    if optimizer not in optimizers:
        raise ValueError(f"unknown optimizer {optimizer!r}; use one of {sorted(optimizers)}")
# with:
    optimizers = {"sgd": lambda learning_rate: keras.optimizers.SGD(learning_rate, momentum=0.9), "adam": keras.optimizers.Adam,
                  "rmsprop": keras.optimizers.RMSprop}
