# grade_id: init_variance
# kind: mutant
# mistake: 'small' returns sigma = 0.01 (the standard deviation) instead of the variance 1e-4
# caught_by: test_init_variance
# names_mistake: hw5.init_variance_small_sigma_so_1e
# replace:
        return 1e-4
# with:
        return 0.01
