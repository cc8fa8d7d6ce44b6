# grade_id: make_augmentation
# kind: mutant
# mistake: far too strong: rotations up to 90 degrees and shifts up to 30 % (digits change meaning)
# caught_by: test_make_augmentation
def make_augmentation():
    return v2.RandomAffine(degrees=90, translate=(0.3, 0.3), scale=(0.6, 1.4), shear=30,
                           interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
