# grade_id: MLP
# kind: valid
# description: ModuleList of per-layer ModuleDicts, kaiming_uniform_ (same std), functional activations and F.dropout
class MLP(nn.Module):
    """A multilayer perceptron made of PyTorch layers.

    layer_sizes: [n_0, n_1, ..., n_L]: n_0 inputs, L linear layers, n_L outputs (logits).
    Every hidden layer l = 1..L-1 is, in this order:
        nn.Linear(n_{l-1}, n_l) -> nn.BatchNorm1d(n_l) (only if batchnorm)
        -> activation -> nn.Dropout(dropout) (only if dropout > 0)
    and the output layer is nn.Linear(n_{L-1}, n_L) alone (no activation, no softmax).
    activation: "relu", "tanh" or "sigmoid".
    Initialisation: if activation == "relu", every HIDDEN nn.Linear gets He (Kaiming) weights
        with std sqrt(2 / n_in) (mode fan_in; normal or uniform) and zero biases. The output
        layer, and all layers of tanh/sigmoid networks, may keep PyTorch's default.
    Register the layers in the order they are applied (e.g. one nn.Sequential), so that
    model.parameters() yields W_1, b_1, [gamma_1, beta_1], W_2, b_2, ... in that order.

    forward(x): x is (N, n_0) or (N, ...) with n_0 numbers per example (e.g. (N, 1, 28, 28)):
        flatten it to (N, n_0). Returns the logits (N, n_L).
    """

    def __init__(self, layer_sizes, activation="relu", dropout=0.0, batchnorm=False):
        super().__init__()
        self.phi = {"relu": F.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}[activation]
        self.p = dropout
        self.blocks = nn.ModuleList()
        pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
        for i, (n_in, n_out) in enumerate(pairs):
            block = nn.ModuleDict({"linear": nn.Linear(n_in, n_out)})
            if i < len(pairs) - 1:
                if activation == "relu":
                    nn.init.kaiming_uniform_(block["linear"].weight, nonlinearity="relu")
                    block["linear"].bias.data.zero_()
                if batchnorm:
                    block["bn"] = nn.BatchNorm1d(n_out)
            self.blocks.append(block)

    def forward(self, x):
        x = torch.flatten(x, 1)
        for i, block in enumerate(self.blocks):
            x = block["linear"](x)
            if i < len(self.blocks) - 1:
                if "bn" in block:
                    x = block["bn"](x)
                x = self.phi(x)
                if self.p > 0:
                    x = F.dropout(x, self.p, self.training)
        return x
