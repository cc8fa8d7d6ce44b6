# grade_id: softmax_regression_step
# kind: mutant
# mistake: logits without the bias
# caught_by: test_softmax_regression_step
# names_mistake: hw1.softreg_logits_without_bias
# replace:
    logits = X @ W + b
# with:
    logits = X @ W
