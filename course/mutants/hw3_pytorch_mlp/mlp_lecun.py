# grade_id: MLP
# kind: mutant
# mistake: LeCun initialisation std sqrt(1/n_in) instead of He
# caught_by: test_MLP
# names_mistake: hw3.mlp_std_sqrt_lecun_he
# replace:
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
# with:
                nn.init.normal_(linear.weight, std=math.sqrt(1.0 / n_in))
