# grade_id: train_cnn
# kind: valid
# description: nn.CrossEntropyLoss(size_average=True) from an old tutorial and float(loss) per batch: torch warns about both (deprecated arguments; converting a tensor that requires grad to a scalar), a library's advice, not a mistake; the history's train numbers are means over the batches
# replace:
        loss_sum = torch.zeros(())                   # tensors: no host round trip per batch
        correct = torch.zeros((), dtype=torch.long)
# with:
        loss_sum, correct, n_batches = 0.0, 0.0, 0
# replace:
            loss = F.cross_entropy(logits, yb)
# with:
            loss = nn.CrossEntropyLoss(size_average=True)(logits, yb)
# replace:
            loss_sum += loss.detach() * len(idx)
            correct += (logits.argmax(dim=1) == yb).sum()
        history["train_loss"].append(loss_sum.item() / n)
        history["train_acc"].append(correct.item() / n)
# with:
            loss_sum += float(loss)
            correct += float((logits.argmax(dim=1) == yb).float().mean())
            n_batches += 1
        history["train_loss"].append(loss_sum / n_batches)
        history["train_acc"].append(correct / n_batches)
