# grade_id: sgd_step
# kind: mutant
# mistake: learning rate ignored
# caught_by: test_sgd_step
# names_mistake: hw1.sgd_step_learning_rate_ignored
def sgd_step(params, grads, lr):
    return [(W - dW, b - db) for (W, b), (dW, db) in zip(params, grads)]
