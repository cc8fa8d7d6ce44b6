# grade_id: train_cnn
# kind: mutant
# mistake: the augment flag is ignored: the training batches are never augmented
# caught_by: test_train_cnn
# replace:
    aug = make_augmentation() if augment else None
# with:
    aug = None
