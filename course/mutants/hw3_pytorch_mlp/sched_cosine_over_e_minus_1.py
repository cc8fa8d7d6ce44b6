# grade_id: make_scheduler
# kind: mutant
# mistake: cosine over epochs - 1 steps: the learning rate reaches 0 in the last epoch
# caught_by: test_make_scheduler
# names_mistake: hw3.make_scheduler_cosine_over_epochs_steps
# replace:
        return 0.5 * (1.0 + math.cos(math.pi * (e - warmup) / (epochs - warmup)))
# with:
        return 0.5 * (1.0 + math.cos(math.pi * (e - warmup) / (epochs - 1 - warmup)))
