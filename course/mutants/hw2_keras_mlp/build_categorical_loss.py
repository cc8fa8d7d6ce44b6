# grade_id: build_mlp
# kind: mutant
# mistake: categorical_crossentropy (for one-hot labels) with integer labels
# caught_by: test_build_mlp
# replace:
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# with:
                  loss="categorical_crossentropy", metrics=["accuracy"])
