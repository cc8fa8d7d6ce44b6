# grade_id: relu_grad
# kind: mutant
# mistake: relu_grad is 1 everywhere (wrong for z < 0)
# caught_by: test_relu_grad
# names_mistake: hw1.relu_grad_returned_well_flat_derivative
def relu_grad(z):
    return np.ones_like(z)
