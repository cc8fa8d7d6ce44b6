# grade_id: make_augmentation
# kind: mutant
# mistake: shifts of 3 % of the size (1 pixel) instead of 10 %
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_shift_range
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.03, 0.03), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
