# grade_id: step_network
# kind: mutant
# mistake: forgets the output bias b2
# caught_by: test_step_network
import numpy as np


def step_network(x, params):
    x = np.asarray(x, dtype=float)
    hidden = step(np.outer(x, params["w1"]) + params["b1"])
    return hidden @ np.asarray(params["w2"], dtype=float)
