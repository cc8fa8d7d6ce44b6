# grade_id: relu
# kind: mutant
# mistake: np.minimum instead of np.maximum
# caught_by: test_relu
# names_mistake: hw1.relu_np_minimum_np_maximum
def relu(z):
    return np.minimum(z, 0.0)
