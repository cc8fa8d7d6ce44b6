# grade_id: step
# kind: mutant
# mistake: works on arrays only: a plain Python number (allowed by the docstring) has no .astype
# caught_by: test_step
import numpy as np


def step(z):
    return (z >= 0).astype(float)
