# grade_id: relu_grad
# kind: mutant
# mistake: relu_grad returns relu(z) instead of its derivative
# caught_by: test_relu_grad
# names_mistake: hw1.relu_grad_returned_derivative
def relu_grad(z):
    return np.maximum(z, 0.0)
