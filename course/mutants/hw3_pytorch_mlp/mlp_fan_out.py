# grade_id: MLP
# kind: mutant
# mistake: He initialisation with mode='fan_out' (divides by n_out)
# caught_by: test_MLP
# replace:
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
# with:
                nn.init.kaiming_normal_(linear.weight, mode="fan_out", nonlinearity="relu")
