# grade_id: make_augmentation
# kind: mutant
# mistake: no rotation at all (degrees=0): only shift, zoom and shear
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_rotation_range
def make_augmentation():
    return v2.RandomAffine(degrees=0, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
