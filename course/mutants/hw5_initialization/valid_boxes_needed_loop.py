# grade_id: boxes_needed
# kind: valid
# description: multiplies N into a Python int d times (math.prod) instead of N ** d
import math


def boxes_needed(N, d):
    return math.prod([N] * d)
