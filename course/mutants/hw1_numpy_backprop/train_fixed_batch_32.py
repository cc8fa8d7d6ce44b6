# grade_id: train
# kind: mutant
# mistake: ignores batch_size: always batches of 32
# caught_by: test_train
# replace:
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
# with:
        for start in range(0, N, 32):
            idx = order[start:start + 32]
