# grade_id: DeepMLP
# kind: mutant
# mistake: a ReLU after the output layer
# caught_by: test_DeepMLP
# names_mistake: hw6.deepmlp_relu_on_output
# replace:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
# with:
        layers.append(nn.Linear(sizes[-2], sizes[-1]))
        layers.append(nn.ReLU())
