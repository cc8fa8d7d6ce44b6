# grade_id: SimpleCNN
# kind: mutant
# mistake: the ReLU after the second convolution is missing
# caught_by: test_SimpleCNN
# replace:
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)       # (N, 64, 7, 7)
# with:
        x = F.max_pool2d(self.conv2(x), 2)
