# grade_id: train_cnn
# kind: mutant
# mistake: accuracies recorded in percent instead of as fractions in [0, 1]
# caught_by: test_train_cnn
# replace:
        history["train_acc"].append(correct.item() / n)
# with:
        history["train_acc"].append(100 * correct.item() / n)
# replace:
            history["val_acc"].append((val_logits.argmax(dim=1) == y_val_t).float().mean().item())
# with:
            history["val_acc"].append(100 * (val_logits.argmax(dim=1) == y_val_t).float().mean().item())
