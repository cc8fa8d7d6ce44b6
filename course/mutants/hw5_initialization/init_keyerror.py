# grade_id: init_variance
# kind: mutant
# mistake: a plain dict lookup, so an unknown scheme raises KeyError instead of a helpful ValueError
# caught_by: test_init_variance
def init_variance(n_in, n_out, scheme):
    return {"lecun": 1.0 / n_in, "he": 2.0 / n_in, "glorot": 2.0 / (n_in + n_out),
            "he_avg": 4.0 / (n_in + n_out), "small": 1e-4}[scheme]
