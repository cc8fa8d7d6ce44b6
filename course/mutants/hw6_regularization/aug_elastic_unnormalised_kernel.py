# grade_id: augment_batch
# kind: mutant
# mistake: the Gaussian kernel is not normalised to sum 1: the displacement is many times too large
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_size_wrong
# replace:
        smooth = (gh / gh.sum(1, keepdim=True)) @ field @ (gw / gw.sum(1, keepdim=True)).T
# with:
        smooth = gh @ field @ gw.T
