# grade_id: sigmoid_grad
# kind: mutant
# mistake: returns sigmoid(z) instead of sigmoid(z) * (1 - sigmoid(z))
# caught_by: test_sigmoid_grad
# names_mistake: hw1.sigmoid_grad_returned_derivative
def sigmoid_grad(z):
    return sigmoid(z)
