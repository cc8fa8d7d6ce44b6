# grade_id: sgd_step
# kind: mutant
# mistake: + instead of -: moves along the gradient
# caught_by: test_sgd_step
# names_mistake: hw1.sgd_step_moved_along_gradient_against
def sgd_step(params, grads, lr):
    return [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)]
