# grade_id: augment_batch
# kind: mutant
# mistake: elastic_alpha ignored
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_ignored
# replace:
    if elastic_alpha > 0:
# with:
    if False:
