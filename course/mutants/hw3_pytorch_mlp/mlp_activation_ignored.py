# grade_id: MLP
# kind: mutant
# mistake: the activation argument is ignored (always ReLU)
# caught_by: test_MLP
# names_mistake: hw3.mlp_activation_ignored_always_relu
# replace:
            layers.append(activations[activation]())
# with:
            layers.append(nn.ReLU())
