# grade_id: softmax_regression_step
# kind: mutant
# mistake: gradient of l2 * sum(W**2) for a penalty l2 / 2 * sum(W**2)
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_l2_gradient_doubled
# replace:
    dW = X.T @ G + l2 * W
# with:
    dW = X.T @ G + 2 * l2 * W
