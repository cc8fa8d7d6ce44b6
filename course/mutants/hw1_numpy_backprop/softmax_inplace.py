# grade_id: softmax
# kind: mutant
# mistake: subtracts the row max in place, changing the caller's logits
# caught_by: test_softmax
# names_mistake: hw1.softmax_changed_input_array_place
def softmax(z):
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
