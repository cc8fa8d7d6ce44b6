# grade_id: make_augmentation
# kind: mutant
# mistake: rotations of up to 20 degrees instead of about 10
# caught_by: test_make_augmentation
# names_mistake: hw4.make_augmentation_rotation_range
def make_augmentation():
    return v2.RandomAffine(degrees=20, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
