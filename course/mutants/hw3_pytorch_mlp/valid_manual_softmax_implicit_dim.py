# grade_id: ManualMLP
# kind: valid
# description: F.softmax without dim= (PyTorch picks dim 1 for a 2-D input and warns that the implicit choice is deprecated)
# replace:
            delta = torch.softmax(logits, dim=1)
# with:
            delta = F.softmax(logits)                     # implicit dim: 1 for (N, C), with a UserWarning
