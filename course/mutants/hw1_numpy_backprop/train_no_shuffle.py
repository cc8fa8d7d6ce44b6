# grade_id: train
# kind: mutant
# mistake: never shuffles: same batch order every epoch
# caught_by: test_train
# names_mistake: hw1.train_runs_different_rng_seeds
# replace:
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
# with:
        for start in range(0, N, batch_size):
            idx = np.arange(start, min(start + batch_size, N))
