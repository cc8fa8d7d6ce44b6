# grade_id: SimpleCNN
# kind: mutant
# mistake: no ReLU between the two fully connected layers (they collapse into one linear map)
# caught_by: test_SimpleCNN
class SimpleCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(3136, 128), nn.Linear(128, 10))

    def forward(self, x):
        return self.classifier(self.features(x))
