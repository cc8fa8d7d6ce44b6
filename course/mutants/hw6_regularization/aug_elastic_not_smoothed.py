# grade_id: augment_batch
# kind: mutant
# mistake: the elastic field is not smoothed: every pixel moves independently
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_not_smoothed
# replace:
        smooth = (gh / gh.sum(1, keepdim=True)) @ field @ (gw / gw.sum(1, keepdim=True)).T
# with:
        smooth = field
