# grade_id: tanh_grad
# kind: mutant
# mistake: tanh derivative as 1 - z**2 (formula applied to z)
# caught_by: test_tanh_grad
# names_mistake: hw1.tanh_grad_computed_formula_needs_function
def tanh_grad(z):
    return 1.0 - z ** 2
