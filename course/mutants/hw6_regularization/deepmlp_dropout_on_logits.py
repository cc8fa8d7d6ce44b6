# grade_id: DeepMLP
# kind: mutant
# mistake: dropout after the output layer too
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_dropout_on_logits
# replace:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
# with:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
        layers.append(nn.Dropout(dropout))
