# grade_id: relu
# kind: valid
# description: np.where instead of np.maximum
def relu(z):
    return np.where(z > 0, z, 0.0)
