# grade_id: make_scheduler
# kind: mutant
# mistake: an unknown kind silently gives a constant schedule instead of raising ValueError
# caught_by: test_make_scheduler
# names_mistake: hw3.make_scheduler_optimizer_exponential_raise_valueerror
# replace:
    if kind == "none":
# with:
    if kind not in ("cosine", "warmup_cosine"):
