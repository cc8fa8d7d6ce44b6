# grade_id: step_network
# kind: mutant
# mistake: uses ReLU hidden neurons instead of step neurons
# caught_by: test_step_network
import numpy as np


def step_network(x, params):
    x = np.asarray(x, dtype=float)
    hidden = np.maximum(np.outer(x, params["w1"]) + params["b1"], 0.0)
    return hidden @ np.asarray(params["w2"], dtype=float) + params["b2"]
