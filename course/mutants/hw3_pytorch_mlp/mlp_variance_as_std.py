# grade_id: MLP
# kind: mutant
# mistake: the variance 2/n_in used as the standard deviation
# caught_by: test_MLP
# names_mistake: hw3.mlp_variance_standard_deviation
# replace:
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
# with:
                nn.init.normal_(linear.weight, std=2.0 / n_in)
