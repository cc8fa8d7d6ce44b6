# grade_id: relu_grad
# kind: mutant
# mistake: relu_grad returns sign(z): -1 instead of 0 for z < 0
# caught_by: test_relu_grad
# names_mistake: hw1.relu_grad_returned_sign_derivative
def relu_grad(z):
    return np.sign(z)
