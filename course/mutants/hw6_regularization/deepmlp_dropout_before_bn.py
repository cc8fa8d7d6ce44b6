# grade_id: DeepMLP
# kind: mutant
# mistake: dropout between the Linear layer and batch norm (variance shift)
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_dropout_before_bn
# replace:
            layers.append(nn.ReLU())
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
# with:
            layers.append(nn.ReLU())
# replace:
            layers.append(nn.Linear(n_in, n_out))
# with:
            layers.append(nn.Linear(n_in, n_out))
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
