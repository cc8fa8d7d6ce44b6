# grade_id: forward
# kind: valid
# description: hidden layers in a loop, output layer separately, np.dot
def forward(params, X, activation="relu"):
    f, _ = activation_functions(activation)
    cache = []
    a = X
    for W, b in params[:-1]:
        z = np.dot(a, W) + b
        cache.append((a, z))
        a = f(z)
    W, b = params[-1]
    logits = np.dot(a, W) + b
    cache.append((a, logits))
    return logits, cache
