# grade_id: relu
# kind: valid
# description: multiplication by a boolean mask
def relu(z):
    return z * (z > 0)
