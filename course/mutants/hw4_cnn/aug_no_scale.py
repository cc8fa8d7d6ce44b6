# grade_id: make_augmentation
# kind: mutant
# mistake: no zoom: the scale range is left out
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_scale_range
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.1, 0.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
