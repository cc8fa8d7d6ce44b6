# grade_id: train_cnn
# kind: mutant
# mistake: history["seconds"] is a running total (seconds since the start of training) instead of each epoch's own duration
# caught_by: test_train_cnn
# names_mistake: hw4.train_cnn_seconds_not_epoch_durations
# replace:
    for _ in progress(range(epochs), desc="epochs"):
        start = time.perf_counter()
# with:
    start = time.perf_counter()
    for _ in progress(range(epochs), desc="epochs"):
