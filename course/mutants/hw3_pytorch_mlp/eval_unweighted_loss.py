# grade_id: evaluate
# kind: mutant
# mistake: loss averaged over batches without weighting by batch size
# caught_by: test_evaluate
# replace:
            total_loss += loss_fn(logits, y).item() * len(y)
# with:
            total_loss += loss_fn(logits, y).item()
# replace:
    return total_loss / count, correct / count
# with:
    return total_loss / len(loader), correct / count
