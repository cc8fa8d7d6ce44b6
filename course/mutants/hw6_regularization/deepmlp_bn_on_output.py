# grade_id: DeepMLP
# kind: mutant
# mistake: batch norm on the logits as well
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_bn_on_output
# replace:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
# with:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
        if batch_norm:
            layers.append(nn.BatchNorm1d(sizes[-1]))
