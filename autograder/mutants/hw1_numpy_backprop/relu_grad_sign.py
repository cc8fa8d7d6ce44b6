# grade_id: relu_grad
# kind: mutant
# mistake: relu_grad returns sign(z): -1 instead of 0 for z < 0
# caught_by: test_relu_grad
def relu_grad(z):
    return np.sign(z)
