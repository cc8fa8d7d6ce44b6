# grade_id: SimpleCNN
# kind: valid
# description: He initialisation through the deprecated nn.init.kaiming_normal (without the underscore): torch emits a FutureWarning at construction (a library's advice, not a mistake)
class SimpleCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)
        for layer in [self.conv1, self.conv2, self.fc1]:
            nn.init.kaiming_normal(layer.weight, nonlinearity="relu")

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.view(x.size(0), -1)))
        return self.fc2(x)
