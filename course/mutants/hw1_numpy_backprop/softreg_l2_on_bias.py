# grade_id: softmax_regression_step
# kind: mutant
# mistake: penalises the biases too
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_l2_on_bias
# replace:
    return W - lr * dW, b - lr * db, loss
# with:
    return W - lr * dW, b - lr * (db + l2 * b), loss
