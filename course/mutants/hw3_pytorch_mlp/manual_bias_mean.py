# grade_id: ManualMLP
# kind: mutant
# mistake: bias gradient averaged over the batch (delta.mean(0)) instead of summed
# caught_by: test_ManualMLP
# replace:
                layer.bias.grad = delta.sum(dim=0)
# with:
                layer.bias.grad = delta.mean(dim=0)
