# grade_id: init_variance
# kind: mutant
# mistake: returns the standard deviation sqrt(sigma^2) instead of the variance
# caught_by: test_init_variance
import math


def init_variance(n_in, n_out, scheme):
    table = {"lecun": 1.0 / n_in, "he": 2.0 / n_in, "glorot": 2.0 / (n_in + n_out),
             "he_avg": 4.0 / (n_in + n_out), "small": 1e-4}
    if scheme not in table:
        raise ValueError(f"unknown scheme {scheme!r}; choose one of {sorted(table)}")
    return math.sqrt(table[scheme])
