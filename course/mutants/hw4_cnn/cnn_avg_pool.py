# grade_id: SimpleCNN
# kind: mutant
# mistake: average pooling instead of max pooling
# caught_by: test_SimpleCNN
# names_mistake: hw4.maxpool_forward_average_pooling_max_pooling
# replace:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)       # (N, 32, 14, 14)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)       # (N, 64, 7, 7)
# with:
        x = F.avg_pool2d(F.relu(self.conv1(x)), 2)
        x = F.avg_pool2d(F.relu(self.conv2(x)), 2)
