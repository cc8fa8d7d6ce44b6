# grade_id: init_variance
# kind: mutant
# mistake: he_avg as 2/(n_in + n_out), the same as Glorot (the ReLU factor 2 is missing)
# caught_by: test_init_variance
# names_mistake: hw5.init_variance_he_avg_out_out
# replace:
        return 4.0 / (n_in + n_out)
# with:
        return 2.0 / (n_in + n_out)
