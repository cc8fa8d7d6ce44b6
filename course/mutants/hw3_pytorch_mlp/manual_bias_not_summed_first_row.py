# grade_id: ManualMLP
# kind: mutant
# mistake: bias gradient not summed over the batch (only the first example's delta)
# caught_by: test_ManualMLP
# replace:
                layer.bias.grad = delta.sum(dim=0)
# with:
                layer.bias.grad = delta[0].clone()
