# grade_id: relu_grad
# kind: valid
# description: boolean array, and 1 at z == 0 (z >= 0)
def relu_grad(z):
    return z >= 0
