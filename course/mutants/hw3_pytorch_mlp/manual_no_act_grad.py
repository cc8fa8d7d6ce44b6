# grade_id: ManualMLP
# kind: mutant
# mistake: the activation derivative f'(z) is left out of the backward step
# caught_by: test_ManualMLP
# replace:
                    delta = (delta @ layer.weight) * d
# with:
                    delta = delta @ layer.weight
