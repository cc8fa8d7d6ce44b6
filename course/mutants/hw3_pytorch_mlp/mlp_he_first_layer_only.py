# grade_id: MLP
# kind: mutant
# mistake: He initialisation for the first hidden layer only
# caught_by: test_MLP
# names_mistake: hw3.mlp_pytorch_default_initialisation_std_2
# replace:
            if activation == "relu":
# with:
            if activation == "relu" and l == 0:
