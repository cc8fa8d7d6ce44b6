# grade_id: sgd_step
# kind: mutant
# mistake: biases never updated
# caught_by: test_sgd_step
# names_mistake: hw1.sgd_step_updated_2
def sgd_step(params, grads, lr):
    return [(W - lr * dW, b) for (W, b), (dW, db) in zip(params, grads)]
