# grade_id: forward
# kind: mutant
# mistake: ignores the activation argument (always ReLU)
# caught_by: test_forward
# replace:
    f, _ = activation_functions(activation)
# with:
    f, _ = activation_functions("relu")
