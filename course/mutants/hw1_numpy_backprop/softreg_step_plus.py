# grade_id: softmax_regression_step
# kind: mutant
# mistake: steps along the gradient instead of against it
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_step_along_gradient
# replace:
    return W - lr * dW, b - lr * db, loss
# with:
    return W + lr * dW, b + lr * db, loss
