# grade_id: SimpleCNN
# kind: mutant
# mistake: augmentation applied at test time: forward augments every input, also in eval mode
# caught_by: test_SimpleCNN
# replace:
        super().__init__()
# with:
        super().__init__()
        self.augment = v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                                       interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
# replace:
    def forward(self, x):
# with:
    def forward(self, x):
        x = self.augment(x)
