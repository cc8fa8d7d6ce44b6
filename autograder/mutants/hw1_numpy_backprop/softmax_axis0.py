# grade_id: softmax
# kind: mutant
# mistake: softmax over the wrong axis (columns instead of rows)
# caught_by: test_softmax
def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
