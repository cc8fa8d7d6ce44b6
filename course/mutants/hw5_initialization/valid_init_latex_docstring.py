# grade_id: init_variance
# kind: valid
# description: a docstring with LaTeX in a plain (not raw) string: Python warns about the invalid escape sequence "\s" when the cell is compiled (DeprecationWarning on 3.11, SyntaxWarning from 3.12); a warning for correct code costs nothing
def init_variance(n_in, n_out, scheme):
    """Returns $\sigma^2$: LeCun $1/n_{in}$, He $2/n_{in}$, Glorot $2/(n_{in}+n_{out})$."""
    variances = {"lecun": 1.0 / n_in, "he": 2.0 / n_in, "glorot": 2.0 / (n_in + n_out),
                 "he_avg": 4.0 / (n_in + n_out), "small": 0.01 ** 2}
    if scheme not in variances:
        raise ValueError(f"unknown scheme {scheme!r}; valid schemes: {', '.join(variances)}")
    return variances[scheme]
