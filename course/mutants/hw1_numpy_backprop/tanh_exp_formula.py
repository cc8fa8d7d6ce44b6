# grade_id: tanh
# kind: mutant
# mistake: tanh from (e^z - e^-z) / (e^z + e^-z): overflows for large |z|
# caught_by: test_tanh
def tanh(z):
    return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
