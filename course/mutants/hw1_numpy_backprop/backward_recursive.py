# grade_id: backward
# kind: valid
# description: recursion over the layers instead of a loop; softmax gradient computed inline
def backward(params, cache, y, activation="relu"):
    _, f_grad = activation_functions(activation)
    N = len(y)
    logits = cache[-1][1]
    P = softmax(logits)
    P[np.arange(N), y] -= 1.0

    def step(l, delta):
        a_prev, _ = cache[l]
        here = (a_prev.T @ delta, np.sum(delta, axis=0))
        if l == 0:
            return [here]
        delta_prev = (delta @ params[l][0].T) * f_grad(cache[l - 1][1])
        return step(l - 1, delta_prev) + [here]

    return step(len(params) - 1, P / N)
