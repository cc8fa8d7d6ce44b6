# grade_id: make_augmentation
# kind: mutant
# mistake: no shear: the shear range is left out
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_shear_range
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1),
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
