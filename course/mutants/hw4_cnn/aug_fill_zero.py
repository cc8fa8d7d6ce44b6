# grade_id: make_augmentation
# kind: mutant
# mistake: the default fill value 0 is used, which is grey (not black) for normalised images
# caught_by: test_make_augmentation
def make_augmentation():
    return v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                           interpolation=v2.InterpolationMode.BILINEAR)
