# grade_id: forward
# kind: mutant
# mistake: activation applied to the output layer too
# caught_by: test_forward
# replace:
        a = f(z) if l < len(params) - 1 else z
# with:
        a = f(z)
