# grade_id: make_scheduler
# kind: mutant
# mistake: 'cosine' also warms up when warmup_epochs > 0
# caught_by: test_make_scheduler
# names_mistake: hw3.make_scheduler_cosine_ignore_warmup_epochs
# replace:
    warmup = warmup_epochs if kind == "warmup_cosine" else 0
# with:
    warmup = warmup_epochs
