# grade_id: MLP
# kind: mutant
# mistake: the input is not flattened: (N, 1, 28, 28) images reach the first nn.Linear as they are
# caught_by: test_MLP
# replace:
        layers = [nn.Flatten()]
# with:
        layers = []
