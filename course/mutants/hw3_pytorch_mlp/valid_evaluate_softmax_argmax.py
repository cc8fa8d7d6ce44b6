# grade_id: evaluate
# kind: valid
# description: predictions from F.softmax(logits) without dim= (same argmax; PyTorch warns about the implicit dimension)
# replace:
            correct += (logits.argmax(dim=1) == y).sum().item()
# with:
            correct += (F.softmax(logits).argmax(dim=1) == y).sum().item()
