# grade_id: overfit_tiny_batch
# kind: mutant
# mistake: the model is not put in training mode (it trains in whatever mode model_factory returned it)
# caught_by: test_overfit_tiny_batch
# names_mistake: hw6.overfit_eval_mode
# replace:
    model.train()
# with:
    pass
