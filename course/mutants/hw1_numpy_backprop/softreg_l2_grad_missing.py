# grade_id: softmax_regression_step
# kind: mutant
# mistake: no L2 term in the weight gradient
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_l2_ignored_in_gradient
# replace:
    dW = X.T @ G + l2 * W
# with:
    dW = X.T @ G
