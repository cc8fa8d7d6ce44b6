# grade_id: forward
# kind: mutant
# mistake: ignores the activation argument (always ReLU)
# caught_by: test_forward
def forward(params, X, activation="relu"):
    f, _ = activation_functions("relu")
    cache = []
    a = X
    for l, (W, b) in enumerate(params):
        z = a @ W + b
        cache.append((a, z))
        a = f(z) if l < len(params) - 1 else z
    return a, cache
