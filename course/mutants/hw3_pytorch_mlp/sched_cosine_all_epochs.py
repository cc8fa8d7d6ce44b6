# grade_id: make_scheduler
# kind: mutant
# mistake: after the warm-up the cosine runs over all epochs (pi * e / epochs)
# caught_by: test_make_scheduler
# names_mistake: hw3.make_scheduler_after_warm_up_cosine
# replace:
        return 0.5 * (1.0 + math.cos(math.pi * (e - warmup) / (epochs - warmup)))
# with:
        return 0.5 * (1.0 + math.cos(math.pi * e / epochs))
