# grade_id: augment_batch
# kind: mutant
# mistake: elastic_sigma ignored: the field is always smoothed with sigma = 4 pixels
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_sigma_wrong
# replace:
    if elastic_alpha > 0:
# with:
    elastic_sigma = 4.0
    if elastic_alpha > 0:
