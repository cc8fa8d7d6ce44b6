# grade_id: init_variance
# kind: mutant
# mistake: LeCun with 2/n_in (He's factor) instead of 1/n_in
# caught_by: test_init_variance
# names_mistake: hw5.init_variance_lecun
# replace:
        return 1.0 / n_in
# with:
        return 2.0 / n_in
