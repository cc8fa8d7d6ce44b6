# grade_id: MLP
# kind: mutant
# mistake: dropout also after the output layer
# caught_by: test_MLP
# replace:
            if l == n_layers - 1:
# with:
            if l == n_layers - 1:
                if dropout > 0:
                    layers.append(nn.Dropout(dropout))
