# grade_id: softmax_regression_step
# kind: mutant
# mistake: forgets the learning rate
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_learning_rate_ignored
# replace:
    return W - lr * dW, b - lr * db, loss
# with:
    return W - dW, b - db, loss
