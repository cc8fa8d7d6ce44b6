# grade_id: time_per_image
# kind: mutant
# mistake: no warm-up call: the first, slow forward pass is timed
# caught_by: test_time_per_image
# names_mistake: hw6.time_no_warmup
# replace:
        model(X[:batch_size])
        start = time.perf_counter()
# with:
        start = time.perf_counter()
