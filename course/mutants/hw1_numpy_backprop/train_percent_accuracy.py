# grade_id: train
# kind: mutant
# mistake: accuracies stored in percent instead of as fractions
# caught_by: test_train
# replace:
            history[f"{split}_acc"].append(float(np.mean(np.argmax(logits, axis=1) == y)))
# with:
            history[f"{split}_acc"].append(100 * float(np.mean(np.argmax(logits, axis=1) == y)))
