# grade_id: train_cnn
# kind: mutant
# mistake: the one-cycle scheduler is stepped once per epoch instead of once per batch
# caught_by: test_train_cnn
# replace:
            scheduler.step()
# with:
# replace:
            correct += (logits.argmax(dim=1) == yb).sum()
# with:
            correct += (logits.argmax(dim=1) == yb).sum()
        scheduler.step()
