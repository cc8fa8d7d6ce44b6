# grade_id: SimpleCNN
# kind: mutant
# mistake: the ReLU after the first convolution is missing
# caught_by: test_SimpleCNN
# names_mistake: hw4.simplecnn_relu_after_conv1_missing
# replace:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)       # (N, 32, 14, 14)
# with:
        x = F.max_pool2d(self.conv1(x), 2)
