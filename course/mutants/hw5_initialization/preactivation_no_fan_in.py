# grade_id: preactivation_variance
# kind: mutant
# mistake: forgets that z sums n_in terms (returns sigma2 * v2)
# caught_by: test_preactivation_variance
def preactivation_variance(n_in, sigma2, v2):
    return sigma2 * v2
