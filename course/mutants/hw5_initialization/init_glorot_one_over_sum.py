# grade_id: init_variance
# kind: mutant
# mistake: Glorot as 1/(n_in + n_out), forgetting the factor 2 of the harmonic mean
# caught_by: test_init_variance
# names_mistake: hw5.init_variance_glorot_out_out_2
# replace:
        return 2.0 / (n_in + n_out)
# with:
        return 1.0 / (n_in + n_out)
