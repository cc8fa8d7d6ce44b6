# grade_id: boxes_needed
# kind: mutant
# mistake: N * d boxes instead of N ** d
# caught_by: test_boxes_needed
def boxes_needed(N, d):
    return N * d
