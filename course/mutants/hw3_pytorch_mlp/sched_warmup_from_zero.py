# grade_id: make_scheduler
# kind: mutant
# mistake: the warm-up starts at 0 (e / warmup instead of (e + 1) / warmup)
# caught_by: test_make_scheduler
# replace:
            return (e + 1) / warmup
# with:
            return e / warmup
