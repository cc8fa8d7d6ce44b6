# grade_id: softmax_regression_step
# kind: mutant
# mistake: averages the bias gradient over the batch a second time
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_bias_grad_averaged
# replace:
    db = G.sum(axis=0)
# with:
    db = G.mean(axis=0)
