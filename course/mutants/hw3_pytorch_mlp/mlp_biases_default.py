# grade_id: MLP
# kind: mutant
# mistake: He weights, but the biases keep their default (non-zero) initialisation
# caught_by: test_MLP
# replace:
                nn.init.zeros_(linear.bias)
# with:

