# grade_id: sigmoid
# kind: mutant
# mistake: naive 1 / (1 + exp(-z)) overflows for z < -709
# caught_by: test_sigmoid
# names_mistake: hw1.sigmoid_exp_overflow
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
