# grade_id: train_epoch
# kind: mutant
# mistake: optimizer.zero_grad() missing: gradients accumulate over the batches
# caught_by: test_train_epoch
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
    model.train()
    total_loss, correct, count = 0.0, 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        logits = model(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(y)
        correct += (logits.argmax(dim=1) == y).sum().item()
        count += len(y)
    return total_loss / count, correct / count
