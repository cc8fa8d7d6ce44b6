# grade_id: SimpleCNN
# kind: mutant
# mistake: 5x5 kernels with padding 2 instead of 3x3 with padding 1 (same output sizes, more parameters)
# caught_by: test_SimpleCNN
# replace:
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
# with:
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5, padding=2)
