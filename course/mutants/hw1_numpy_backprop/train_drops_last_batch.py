# grade_id: train
# kind: mutant
# mistake: drops the last, smaller batch of every epoch (only full batches of batch_size)
# caught_by: test_train
# names_mistake: hw1.train_dropped_last_partial_batch
# replace:
        for start in range(0, N, batch_size):
# with:
        for start in range(0, N - batch_size + 1, batch_size):
