# grade_id: augment_batch
# kind: mutant
# mistake: the angle drawn in [-degrees / 2, degrees / 2] (uniform(0, 1) - 0.5 instead of 2 u - 1)
# caught_by: test_augment_batch
# names_mistake: hw6.augment_rotation_wrong
# replace:
    angle = (2 * u[:, 0] - 1) * math.radians(degrees)
# with:
    angle = (u[:, 0] - 0.5) * math.radians(degrees)
