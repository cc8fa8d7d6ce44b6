# grade_id: softmax_regression_step
# kind: mutant
# mistake: returns the cross-entropy without the L2 term
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_l2_missing_from_loss
# replace:
    loss = cross_entropy(logits, y) + 0.5 * l2 * float(np.sum(W * W))
# with:
    loss = cross_entropy(logits, y)
