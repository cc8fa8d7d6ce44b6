# grade_id: SimpleCNN
# kind: mutant
# mistake: fc1 has 256 hidden units instead of 128 (wrong fully connected size)
# caught_by: test_SimpleCNN
# names_mistake: hw4.simplecnn_fc1_not_128_units
# replace:
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)
# with:
        self.fc1 = nn.Linear(64 * 7 * 7, 256)
        self.fc2 = nn.Linear(256, 10)
