# grade_id: DeepMLP
# kind: valid
# description: ModuleLists of Linear / BatchNorm1d / Dropout layers, F.relu in a loop, no nn.Sequential
class DeepMLP(nn.Module):
    def __init__(self, sizes, dropout=0.0, batch_norm=True):
        super().__init__()
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.norms = nn.ModuleList(nn.BatchNorm1d(b) for b in sizes[1:-1]) if batch_norm else None
        self.drops = nn.ModuleList(nn.Dropout(dropout) for _ in sizes[1:-1])

    def forward(self, x):
        h = x.reshape(x.shape[0], -1)
        for k, linear in enumerate(self.linears[:-1]):
            h = linear(h)
            if self.norms is not None:
                h = self.norms[k](h)
            h = self.drops[k](F.relu(h))
        return self.linears[-1](h)
