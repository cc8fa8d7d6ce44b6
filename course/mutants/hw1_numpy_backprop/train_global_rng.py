# grade_id: train
# kind: mutant
# mistake: shuffles with np.random.permutation instead of rng (not reproducible)
# caught_by: test_train
# names_mistake: hw1.train_two_runs_np_random
# replace:
        order = rng.permutation(N)
# with:
        order = np.random.permutation(N)
