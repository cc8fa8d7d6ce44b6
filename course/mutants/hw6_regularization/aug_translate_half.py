# grade_id: augment_batch
# kind: mutant
# mistake: the shift fraction used as normalised units (the image spans 2 units): half the shift
# caught_by: test_augment_batch
# names_mistake: hw6.augment_translate_wrong_units
# replace:
    shift = (2 * u[:, 2:] - 1) * (2 * translate)                     # normalised units
# with:
    shift = (2 * u[:, 2:] - 1) * translate
