# grade_id: DeepMLP
# kind: valid
# description: Dropout before the ReLU (ReLU and dropout commute), blocks as named attributes
class DeepMLP(nn.Module):
    def __init__(self, sizes, dropout=0.0, batch_norm=True):
        super().__init__()
        for k, (a, b) in enumerate(zip(sizes[:-2], sizes[1:-1])):
            block = [nn.Linear(a, b)] + ([nn.BatchNorm1d(b)] if batch_norm else [])
            block += [nn.Dropout(dropout), nn.ReLU()]
            self.add_module(f"block{k}", nn.Sequential(*block))
        self.head = nn.Linear(sizes[-2], sizes[-1])
        self.n_blocks = len(sizes) - 2

    def forward(self, x):
        x = x.flatten(start_dim=1)
        for k in range(self.n_blocks):
            x = getattr(self, f"block{k}")(x)
        return self.head(x)
