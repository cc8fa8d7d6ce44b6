# grade_id: DeepMLP
# kind: mutant
# mistake: BatchNorm1d with momentum 0.01: the running statistics move ten times too slowly
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_bn_momentum
# replace:
                layers.append(nn.BatchNorm1d(n_out))
# with:
                layers.append(nn.BatchNorm1d(n_out, momentum=0.01))
