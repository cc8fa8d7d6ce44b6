# grade_id: softmax_regression_step
# kind: mutant
# mistake: softmax - onehot without the 1/N
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_grad_not_averaged
# replace:
    G = cross_entropy_grad(logits, y)            # (N, C), already divided by N
# with:
    G = softmax(logits)
    G[np.arange(len(y)), y] -= 1.0
