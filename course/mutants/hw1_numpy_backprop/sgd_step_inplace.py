# grade_id: sgd_step
# kind: valid
# description: updates the arrays in place and returns the same list
def sgd_step(params, grads, lr):
    for (W, b), (dW, db) in zip(params, grads):
        W -= lr * dW
        b -= lr * db
    return params
