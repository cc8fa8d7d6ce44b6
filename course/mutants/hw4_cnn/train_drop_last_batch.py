# grade_id: train_cnn
# kind: mutant
# mistake: the last, smaller batch of each epoch is left out (n // batch_size batches)
# caught_by: test_train_cnn
# names_mistake: the last, smaller batch of each epoch is left out
# replace:
                                                    steps_per_epoch=math.ceil(n / batch_size))
# with:
                                                    steps_per_epoch=n // batch_size)
# replace:
        for i in range(0, n, batch_size):
# with:
        for i in range(0, n - batch_size + 1, batch_size):
