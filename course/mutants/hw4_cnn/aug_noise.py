# grade_id: make_augmentation
# kind: mutant
# mistake: Gaussian noise added on top of the affine transform (not a label-preserving geometric change only)
# caught_by: test_make_augmentation
def make_augmentation():
    affine = v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                             interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
    return lambda x: affine(x) + 0.3 * torch.randn_like(x)
