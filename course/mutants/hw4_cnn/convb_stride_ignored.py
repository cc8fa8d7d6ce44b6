# grade_id: conv2d_backward
# kind: mutant
# mistake: the backward pass ignores the stride (treats the output as if stride were 1)
# caught_by: test_conv2d_backward
# replace:
            rows = slice(p, p + stride * (H_out - 1) + 1, stride)
            cols = slice(q, q + stride * (W_out - 1) + 1, stride)
# with:
            rows = slice(p, p + H_out)
            cols = slice(q, q + W_out)
