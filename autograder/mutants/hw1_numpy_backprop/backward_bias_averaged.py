# grade_id: backward
# kind: mutant
# mistake: bias gradient averaged over the batch (divides by N twice)
# caught_by: test_backward
def backward(params, cache, y, activation="relu"):
    f, f_grad = activation_functions(activation)
    logits = cache[-1][1]
    dz = cross_entropy_grad(logits, y)
    grads = [None] * len(params)
    for l in range(len(params) - 1, -1, -1):
        a_prev, _ = cache[l]
        grads[l] = (a_prev.T @ dz, dz.mean(axis=0))
        if l > 0:
            W = params[l][0]
            dz = (dz @ W.T) * f_grad(cache[l - 1][1])
    return grads
