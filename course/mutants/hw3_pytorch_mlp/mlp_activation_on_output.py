# grade_id: MLP
# kind: mutant
# mistake: the activation is applied after the output layer too
# caught_by: test_MLP
# replace:
            if l == n_layers - 1:
# with:
            if l == n_layers - 1:
                layers.append(activations[activation]())
