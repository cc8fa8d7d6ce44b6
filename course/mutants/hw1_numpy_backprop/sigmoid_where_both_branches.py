# grade_id: sigmoid
# kind: mutant
# mistake: two branches inside np.where, which evaluates both: exp overflows anyway
# caught_by: test_sigmoid
# names_mistake: hw1.sigmoid_exp_overflow
def sigmoid(z):
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
