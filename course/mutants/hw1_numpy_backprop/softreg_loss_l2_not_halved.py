# grade_id: softmax_regression_step
# kind: mutant
# mistake: adds l2 * sum(W**2) to the loss
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_l2_loss_not_halved
# replace:
    loss = cross_entropy(logits, y) + 0.5 * l2 * float(np.sum(W * W))
# with:
    loss = cross_entropy(logits, y) + l2 * float(np.sum(W * W))
