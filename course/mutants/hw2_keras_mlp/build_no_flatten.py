# grade_id: build_mlp
# kind: mutant
# mistake: no Flatten layer: the Dense layers act on each row of 28 pixels
# caught_by: test_build_mlp
# replace:
    if optimizer not in optimizers:
        raise ValueError(f"unknown optimizer {optimizer!r}; use one of {sorted(optimizers)}")
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])
# with:
    model = keras.Sequential([keras.Input(shape=(28, 28))])
