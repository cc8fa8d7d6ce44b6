# grade_id: softmax
# kind: mutant
# mistake: no max-subtraction: exp(1000) overflows to inf, result NaN
# caught_by: test_softmax
def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
