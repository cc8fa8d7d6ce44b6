# grade_id: ManualMLP
# kind: mutant
# mistake: manual_backward adds to p.grad instead of setting it (gradients of successive batches pile up)
# caught_by: test_ManualMLP
# replace:
                layer.weight.grad = delta.T @ a_prev     # (n_out, n_in), like the weight
                layer.bias.grad = delta.sum(dim=0)
# with:
                gw, gb = delta.T @ a_prev, delta.sum(dim=0)
                layer.weight.grad = gw if layer.weight.grad is None else layer.weight.grad + gw
                layer.bias.grad = gb if layer.bias.grad is None else layer.bias.grad + gb
