# grade_id: MLP
# kind: valid
# description: the deprecated nn.init.kaiming_normal and nn.init.constant (no trailing underscore): the same initialisation, with FutureWarnings
# replace:
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(linear.bias)
# with:
                nn.init.kaiming_normal(linear.weight, mode="fan_in", nonlinearity="relu")
                nn.init.constant(linear.bias, 0.0)
