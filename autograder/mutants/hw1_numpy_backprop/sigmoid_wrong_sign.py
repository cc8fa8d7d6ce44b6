# grade_id: sigmoid
# kind: mutant
# mistake: wrong sign in the exponent: 1 / (1 + exp(z))
# caught_by: test_sigmoid
def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
