# grade_id: make_scheduler
# kind: mutant
# mistake: warmup_cosine without the warm-up (plain cosine)
# caught_by: test_make_scheduler
# replace:
    warmup = warmup_epochs if kind == "warmup_cosine" else 0
# with:
    warmup = 0
