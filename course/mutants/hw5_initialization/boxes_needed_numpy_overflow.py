# grade_id: boxes_needed
# kind: mutant
# mistake: np.power on int64, which silently overflows for 10 ** 784
# caught_by: test_boxes_needed
import numpy as np


def boxes_needed(N, d):
    return np.power(np.int64(N), np.int64(d))
