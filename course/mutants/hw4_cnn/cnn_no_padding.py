# grade_id: SimpleCNN
# kind: mutant
# mistake: convolutions without padding (28 -> 26 -> 13 -> 11 -> 5, fc1 then takes 1600 inputs)
# caught_by: test_SimpleCNN
# names_mistake: hw4.simplecnn_convs_without_padding
# replace:
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
# with:
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3)
        self.fc1 = nn.Linear(64 * 5 * 5, 128)
