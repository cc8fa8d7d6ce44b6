# grade_id: softmax_regression_step
# kind: mutant
# mistake: updates W and b in place
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_changed_parameters_in_place
# replace:
    return W - lr * dW, b - lr * db, loss
# with:
    W -= lr * dW
    b -= lr * db
    return W, b, loss
