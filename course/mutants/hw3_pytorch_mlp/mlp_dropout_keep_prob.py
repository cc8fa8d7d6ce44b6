# grade_id: MLP
# kind: mutant
# mistake: dropout given the keep probability: nn.Dropout(1 - dropout)
# caught_by: test_MLP
# replace:
                layers.append(nn.Dropout(dropout))
# with:
                layers.append(nn.Dropout(1 - dropout))
