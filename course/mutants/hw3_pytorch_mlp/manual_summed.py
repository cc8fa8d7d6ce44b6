# grade_id: ManualMLP
# kind: mutant
# mistake: manual_backward computes the gradient of the summed loss (delta_L not divided by N)
# caught_by: test_ManualMLP
# replace:
            delta /= n                                   # dL/dz_L of the MEAN loss
# with:
