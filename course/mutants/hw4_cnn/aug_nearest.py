# grade_id: make_augmentation
# kind: mutant
# mistake: nearest-neighbour interpolation (the default of RandomAffine) instead of bilinear
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_nearest_interpolation
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.NEAREST, fill=BACKGROUND)
