# grade_id: softmax_regression_step
# kind: mutant
# mistake: returns the loss at the updated parameters
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_loss_after_step
# replace:
    return W - lr * dW, b - lr * db, loss
# with:
    W_new, b_new = W - lr * dW, b - lr * db
    return W_new, b_new, cross_entropy(X @ W_new + b_new, y) + 0.5 * l2 * float(np.sum(W_new * W_new))
