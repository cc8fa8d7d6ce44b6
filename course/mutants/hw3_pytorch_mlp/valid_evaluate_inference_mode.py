# grade_id: evaluate
# kind: valid
# description: torch.inference_mode(), collects all logits and computes loss and accuracy once, restores the previous mode
def evaluate(model, loader, loss_fn, device):
    """Loss and accuracy of `model` on every example of `loader`; returns (loss, accuracy) floats.

    Puts the model in evaluation mode and computes without gradients (torch.no_grad()).
    loss: the mean of loss_fn over all examples (each batch's mean loss weighted by its size).
    accuracy: the fraction of examples whose largest logit is the label.
    Does not change the parameters.
    """
    was_training = model.training
    model.eval()
    outs, ys = [], []
    with torch.inference_mode():
        for x, y in loader:
            outs.append(model(x.to(device)))
            ys.append(y.to(device))
        logits, y = torch.cat(outs), torch.cat(ys)
        loss = float(loss_fn(logits, y))
        acc = (logits.argmax(1) == y).double().mean().item()
    model.train(was_training)
    return loss, acc
