# grade_id: train_cnn
# kind: mutant
# mistake: optimizer.zero_grad() is never called, so gradients accumulate over all batches
# caught_by: test_train_cnn
# replace:
            optimizer.zero_grad()
# with:
