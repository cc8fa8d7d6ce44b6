# grade_id: make_augmentation
# kind: mutant
# mistake: zoom factors from 0.8 to 1.2 instead of 0.9 to 1.1
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_scale_range
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.8, 1.2), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
