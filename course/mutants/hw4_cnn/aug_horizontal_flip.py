# grade_id: make_augmentation
# kind: mutant
# mistake: random horizontal flips are added (a mirrored digit no longer has its label)
# caught_by: test_make_augmentation
def make_augmentation():
    return v2.Compose([
        v2.RandomHorizontalFlip(p=0.5),
        v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                        interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)])
