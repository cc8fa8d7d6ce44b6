# grade_id: MLP
# kind: mutant
# mistake: no He initialisation (PyTorch's default init of nn.Linear kept)
# caught_by: test_MLP
# replace:
            if activation == "relu":
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(linear.bias)
# with:
