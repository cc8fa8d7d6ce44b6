# grade_id: time_per_image
# kind: mutant
# mistake: timed in training mode
# caught_by: test_time_per_image
# names_mistake: hw6.time_train_mode
# replace:
    model.eval()
# with:
    model.train()
