# grade_id: init_variance
# kind: mutant
# mistake: raises ValueError("unknown scheme") without naming the scheme or the valid choices
# caught_by: test_init_variance
def init_variance(n_in, n_out, scheme):
    table = {"lecun": 1.0 / n_in, "he": 2.0 / n_in, "glorot": 2.0 / (n_in + n_out),
             "he_avg": 4.0 / (n_in + n_out), "small": 1e-4}
    if scheme not in table:
        raise ValueError("unknown scheme")
    return table[scheme]
