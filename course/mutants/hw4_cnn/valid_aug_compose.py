# grade_id: make_augmentation
# kind: valid
# description: a Compose of RandomRotation and a second RandomAffine for shift/scale/shear, smaller ranges
def make_augmentation():
    bilinear = v2.InterpolationMode.BILINEAR
    return v2.Compose([
        v2.RandomRotation(8, interpolation=bilinear, fill=BACKGROUND),
        v2.RandomAffine(degrees=0, translate=(0.08, 0.08), scale=(0.92, 1.08), shear=(-8, 8, -8, 8),
                        interpolation=bilinear, fill=BACKGROUND),
    ])
