# grade_id: softmax
# kind: mutant
# mistake: softmax over the wrong axis (columns instead of rows)
# caught_by: test_softmax
# names_mistake: hw1.softmax_normalised_over_wrong_axis
def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
