# grade_id: sigmoid
# kind: mutant
# mistake: wrong sign in the exponent: 1 / (1 + exp(z))
# caught_by: test_sigmoid
# names_mistake: hw1.sigmoid_exp_sign_exponent_wrong
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
