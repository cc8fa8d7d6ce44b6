# grade_id: relu
# kind: mutant
# mistake: ReLU modifies its input in place (z[z < 0] = 0)
# caught_by: test_relu
# names_mistake: hw1.relu_changed_input_array_place
def relu(z):
    z[z < 0] = 0.0
    return z
