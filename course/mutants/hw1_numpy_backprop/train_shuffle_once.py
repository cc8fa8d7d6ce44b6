# grade_id: train
# kind: mutant
# mistake: shuffles once before the first epoch instead of every epoch
# caught_by: test_train
# names_mistake: hw1.train_training_examples_batch_size
# replace:
    for epoch in range(epochs):
        order = rng.permutation(N)
# with:
    order = rng.permutation(N)
    for epoch in range(epochs):
