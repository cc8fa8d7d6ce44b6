# grade_id: augment_batch
# kind: mutant
# mistake: the angle in degrees passed to cos/sin as radians
# caught_by: test_augment_batch
# names_mistake: hw6.augment_rotation_wrong
# replace:
    angle = (2 * u[:, 0] - 1) * math.radians(degrees)
# with:
    angle = (2 * u[:, 0] - 1) * degrees
