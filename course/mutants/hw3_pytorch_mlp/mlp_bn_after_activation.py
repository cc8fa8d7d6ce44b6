# grade_id: MLP
# kind: mutant
# mistake: batch norm placed after the activation instead of before it
# caught_by: test_MLP
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
        activations = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
        if activation not in activations:
            raise ValueError(f"unknown activation {activation!r}; use 'relu', 'tanh' or 'sigmoid'")
        n_layers = len(layer_sizes) - 1
        layers = [nn.Flatten()]
        for l, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:])):
            linear = nn.Linear(n_in, n_out)
            layers.append(linear)
            if l == n_layers - 1:
                break                                        # the output layer: logits
            if activation == "relu":
                nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(linear.bias)
            layers.append(activations[activation]())
            if batchnorm:
                layers.append(nn.BatchNorm1d(n_out))
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)
