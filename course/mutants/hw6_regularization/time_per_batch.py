# grade_id: time_per_image
# kind: mutant
# mistake: divided by the number of batches: seconds per batch
# caught_by: test_time_per_image
# names_mistake: hw6.time_per_batch_not_per_image
# replace:
    return seconds / len(X)
# with:
    return seconds / math.ceil(len(X) / batch_size)
