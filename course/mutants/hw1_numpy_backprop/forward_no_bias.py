# grade_id: forward
# kind: mutant
# mistake: bias not added
# caught_by: test_forward
# replace:
        z = a @ W + b
# with:
        z = a @ W
