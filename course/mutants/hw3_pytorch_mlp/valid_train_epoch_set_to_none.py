# grade_id: train_epoch
# kind: valid
# description: zero_grad(set_to_none=True) after each step, loss summed as a tensor with reduction by hand, model.train(True)
def train_epoch(model, loader, optimizer, loss_fn, device):
    """One epoch of minibatch training; returns (loss, accuracy) as Python floats.

    model: an nn.Module that returns logits; loader: yields (x, y) batches;
    optimizer: a torch optimizer over model.parameters(); loss_fn(logits, y): the MEAN loss
    of a batch (e.g. nn.CrossEntropyLoss()); device: where to move every batch ("cpu").
    Puts the model in training mode, then for every batch: zero the gradients, forward, loss,
    backward, optimizer step.
    loss: the mean of loss_fn over all examples of the epoch (each batch's loss weighted by its
        number of examples), as computed during the epoch, before each batch's update.
    accuracy: the fraction of examples whose largest logit is the label (also before the update).
    """
    model.train(True)
    optimizer.zero_grad(set_to_none=True)
    sums = torch.zeros(2, dtype=torch.float64)
    n = 0
    for batch in loader:
        x, y = (t.to(device) for t in batch)
        out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        sums += torch.stack([loss.detach().double() * y.numel(), (out.detach().argmax(-1) == y).sum().double()])
        n += y.numel()
    return float(sums[0] / n), float(sums[1] / n)
