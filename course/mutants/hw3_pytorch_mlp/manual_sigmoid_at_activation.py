# grade_id: ManualMLP
# kind: mutant
# mistake: sigmoid derivative evaluated at the activation a = sigmoid(z) instead of at z
# caught_by: test_ManualMLP
# replace:
                        s = torch.sigmoid(z_prev)
# with:
                        s = torch.sigmoid(torch.sigmoid(z_prev))   # f'(a) with a = f(z)
