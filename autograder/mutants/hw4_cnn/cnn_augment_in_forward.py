# grade_id: SimpleCNN
# kind: mutant
# mistake: augmentation applied at test time: forward augments every input, also in eval mode
# caught_by: test_SimpleCNN
class SimpleCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.augment = v2.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10,
                                       interpolation=v2.InterpolationMode.BILINEAR, fill=BACKGROUND)
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.augment(x)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(start_dim=1)))
        return self.fc2(x)
