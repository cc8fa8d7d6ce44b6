# grade_id: initial_loss_check
# kind: mutant
# mistake: measured in training mode (batch statistics instead of running statistics)
# caught_by: test_initial_loss_check
# names_mistake: hw6.initial_loss_train_mode
# replace:
    model.eval()
# with:
    model.train()
