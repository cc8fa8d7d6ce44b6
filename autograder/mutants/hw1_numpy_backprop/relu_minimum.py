# grade_id: relu
# kind: mutant
# mistake: np.minimum instead of np.maximum
# caught_by: test_relu
def relu(z):
    return np.minimum(z, 0.0)
