# grade_id: SimpleCNN
# kind: mutant
# mistake: the second max-pool is missing (fc1 then takes 64 * 14 * 14 inputs)
# caught_by: test_SimpleCNN
# names_mistake: hw4.simplecnn_one_pool_missing
# replace:
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
# with:
        self.fc1 = nn.Linear(64 * 14 * 14, 128)
# replace:
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)       # (N, 64, 7, 7)
# with:
        x = F.relu(self.conv2(x))
