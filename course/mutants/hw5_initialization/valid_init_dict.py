# grade_id: init_variance
# kind: valid
# description: dict lookup that turns the KeyError into a ValueError listing the schemes
def init_variance(n_in, n_out, scheme):
    table = {"lecun": 1 / n_in, "he": 2 / n_in, "glorot": 2 / (n_in + n_out),
             "he_avg": 4 / (n_in + n_out), "small": 0.01 ** 2}
    try:
        return table[scheme]
    except KeyError:
        raise ValueError(f"Unknown scheme '{scheme}'. Valid schemes: {', '.join(table)}.") from None
