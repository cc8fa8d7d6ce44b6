# grade_id: time_per_image
# kind: mutant
# mistake: timed with autograd on (no torch.no_grad())
# caught_by: test_time_per_image
# names_mistake: hw6.time_grad_enabled
# replace:
    with torch.no_grad():
# with:
    if True:
