# grade_id: init_variance
# kind: mutant
# mistake: LeCun with the fan-out, 1/n_out, instead of the fan-in 1/n_in
# caught_by: test_init_variance
# names_mistake: hw5.init_variance_fan_fan_out_swapped
# replace:
        return 1.0 / n_in
# with:
        return 1.0 / n_out
