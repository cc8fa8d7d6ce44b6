# grade_id: ManualMLP
# kind: mutant
# mistake: weight gradient in HW1's (n_in, n_out) layout, reshaped (not transposed) to nn.Linear's (n_out, n_in)
# caught_by: test_ManualMLP
# replace:
                layer.weight.grad = delta.T @ a_prev     # (n_out, n_in), like the weight
# with:
                layer.weight.grad = (a_prev.T @ delta).reshape(layer.weight.shape)
