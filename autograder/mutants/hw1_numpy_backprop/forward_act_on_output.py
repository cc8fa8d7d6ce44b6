# grade_id: forward
# kind: mutant
# mistake: activation applied to the output layer too
# caught_by: test_forward
def forward(params, X, activation="relu"):
    f, _ = activation_functions(activation)
    cache = []
    a = X
    for l, (W, b) in enumerate(params):
        z = a @ W + b
        cache.append((a, z))
        a = f(z)
    return a, cache
