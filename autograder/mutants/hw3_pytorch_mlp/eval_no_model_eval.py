# grade_id: evaluate
# kind: mutant
# mistake: model.eval() missing: dropout stays active during evaluation
# caught_by: test_evaluate
def evaluate(model, loader, loss_fn, device):
    """Loss and accuracy of `model` on every example of `loader`; returns (loss, accuracy) floats.

    Puts the model in evaluation mode and computes without gradients (torch.no_grad()).
    loss: the mean of loss_fn over all examples (each batch's mean loss weighted by its size).
    accuracy: the fraction of examples whose largest logit is the label.
    Does not change the parameters.
    """
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(y)
            correct += (logits.argmax(dim=1) == y).sum().item()
            count += len(y)
    return total_loss / count, correct / count
