# grade_id: train
# kind: mutant
# mistake: history's validation metrics computed on the training set
# caught_by: test_train
# names_mistake: hw1.train_history_computed_set
# replace:
        for split, X, y in (("train", X_train, y_train), ("val", X_val, y_val)):
# with:
        for split, X, y in (("train", X_train, y_train), ("val", X_train, y_train)):
