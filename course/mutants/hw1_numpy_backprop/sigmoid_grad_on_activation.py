# grade_id: sigmoid_grad
# kind: mutant
# mistake: sigmoid derivative applied to the activation: s * (1 - s) with s = z
# caught_by: test_sigmoid_grad
# names_mistake: hw1.sigmoid_grad_computed_receives_pre_activation
def sigmoid_grad(z):
    return z * (1.0 - z)
