# grade_id: DeepMLP
# kind: mutant
# mistake: batch norm after the ReLU instead of before it
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_bn_after_relu
# replace:
            if batch_norm:
                layers.append(nn.BatchNorm1d(n_out))
            layers.append(nn.ReLU())
# with:
            layers.append(nn.ReLU())
            if batch_norm:
                layers.append(nn.BatchNorm1d(n_out))
