# grade_id: train_epoch
# kind: mutant
# mistake: model.train() missing (the model stays in evaluation mode)
# caught_by: test_train_epoch
# replace:
    model.train()
# with:
