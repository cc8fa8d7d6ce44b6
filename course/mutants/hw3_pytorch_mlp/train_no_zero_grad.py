# grade_id: train_epoch
# kind: mutant
# mistake: optimizer.zero_grad() missing: gradients accumulate over the batches
# caught_by: test_train_epoch
# replace:
        optimizer.zero_grad()
# with:
