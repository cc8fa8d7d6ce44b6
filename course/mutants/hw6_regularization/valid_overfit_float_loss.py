# grade_id: overfit_tiny_batch
# kind: valid
# description: the losses recorded with float(loss) (torch warns about converting a tensor that requires grad)
# replace:
        losses.append(loss.item())
# with:
        losses.append(float(loss))
