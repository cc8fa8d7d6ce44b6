# grade_id: confusion_matrix
# kind: mutant
# mistake: the counts are returned as floats
# caught_by: test_confusion_matrix
# names_mistake: hw3.confusion_matrix_counts_integers_got_dtype
# replace:
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
# with:
    cm = np.zeros((n_classes, n_classes))
