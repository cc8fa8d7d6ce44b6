# grade_id: maxpool_backward
# kind: mutant
# mistake: overlapping windows overwrite each other's gradient (= instead of +=)
# caught_by: test_maxpool_backward
# replace:
    dx = np.zeros(x_shape, dtype=np.result_type(dout, np.float64))
    np.add.at(dx, (n, c, rows, cols), dout)              # add.at: overlapping windows accumulate
# with:
    dx = np.zeros(x_shape)
    dx[n, c, rows, cols] = dout
