# grade_id: train_epoch
# kind: valid
# description: float(loss) instead of loss.item() (PyTorch warns about converting a tensor that requires grad)
# replace:
        total_loss += loss.item() * len(y)
# with:
        total_loss += float(loss) * len(y)
