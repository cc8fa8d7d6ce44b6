# grade_id: make_augmentation
# kind: mutant
# mistake: shifts of 15 % of the size (4 pixels) instead of 10 %
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_shift_range
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.15, 0.15), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
