# grade_id: init_params
# kind: valid
# description: stacks each W from its rows with np.row_stack, a deprecated alias of np.vstack: NumPy emits a DeprecationWarning for a correct result, which costs nothing (warnings policy)
import numpy as np


def init_params(layer_sizes, method, rng):
    """Random weights and zero biases for an MLP (see the assignment's docstring)."""
    draws = {
        "he": lambda n_in, n_out: rng.normal(0.0, np.sqrt(2.0 / n_in), n_out),
        "glorot": lambda n_in, n_out: rng.uniform(-np.sqrt(6.0 / (n_in + n_out)), np.sqrt(6.0 / (n_in + n_out)), n_out),
        "small": lambda n_in, n_out: rng.normal(0.0, 0.01, n_out),
    }
    if method not in draws:
        raise ValueError(f"unknown method {method!r}")
    return [(np.row_stack([draws[method](n_in, n_out) for _ in range(n_in)]), np.zeros(n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
