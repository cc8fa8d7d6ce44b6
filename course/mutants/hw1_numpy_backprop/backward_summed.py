# grade_id: backward
# kind: mutant
# mistake: gradient summed over the batch instead of averaged (delta not divided by N)
# caught_by: test_backward
# replace:
    dz = cross_entropy_grad(logits, y)  # (N, C), already divided by N
# with:
    dz = cross_entropy_grad(logits, y) * len(y)
