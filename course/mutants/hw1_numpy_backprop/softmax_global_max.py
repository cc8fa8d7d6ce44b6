# grade_id: softmax
# kind: mutant
# mistake: subtracts the global max instead of each row's max: rows far below it underflow to 0/0
# caught_by: test_softmax
def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum(axis=1, keepdims=True)
