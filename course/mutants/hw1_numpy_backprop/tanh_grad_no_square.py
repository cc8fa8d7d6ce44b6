# grade_id: tanh_grad
# kind: mutant
# mistake: forgot the square: 1 - tanh(z)
# caught_by: test_tanh_grad
# names_mistake: hw1.tanh_grad_forgot_square
def tanh_grad(z):
    return 1.0 - np.tanh(z)
