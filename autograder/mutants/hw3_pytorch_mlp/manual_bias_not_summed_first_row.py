# grade_id: ManualMLP
# kind: mutant
# mistake: bias gradient not summed over the batch (only the first example's delta)
# caught_by: test_ManualMLP
class ManualMLP(nn.Module):
    """A multilayer perceptron whose gradients you compute by hand (no autograd).

    layer_sizes: [n_0, n_1, ..., n_L]: n_0 inputs, L linear layers, n_L classes (logits).
    activation: "relu", "sigmoid" or "tanh", applied after every layer except the last.

    Parameters: self.layers[l] = nn.Linear(n_l, n_{l+1}); their state_dict names are
    "layers.0.weight" (n_1, n_0), "layers.0.bias" (n_1,), "layers.1.weight", ...
    Double precision: ManualMLP(layer_sizes, activation).double().

    forward(x): x is (N, n_0), float. Returns the logits (N, n_L) and stores in self.cache
        what manual_backward needs (e.g. every layer's input a_{l-1} and pre-activation z_l).
    manual_backward(y): y is (N,) int64, the labels of the batch of the LAST forward call.
        Computes, from the cached tensors and WITHOUT autograd, the gradients of the MEAN
        cross-entropy  L = -mean_i log softmax(logits)[i, y_i]  with respect to every weight
        and bias, and SETS p.grad = <that gradient> for every parameter p (replacing
        whatever .grad held; shapes and dtypes as the parameters). Returns None.
    """

    def __init__(self, layer_sizes, activation="relu"):
        super().__init__()
        if activation not in ("relu", "sigmoid", "tanh"):
            raise ValueError(f"unknown activation {activation!r}; use 'relu', 'sigmoid' or 'tanh'")
        self.activation = activation
        self.layers = nn.ModuleList(nn.Linear(n_in, n_out)
                                    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]))
        self.cache = None

    def forward(self, x):
        phi = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[self.activation]
        a = x
        self.cache = []                      # (a_{l-1}, z_l) for every layer
        for l, layer in enumerate(self.layers):
            z = a @ layer.weight.T + layer.bias
            self.cache.append((a, z))
            a = phi(z) if l < len(self.layers) - 1 else z
        return a

    def manual_backward(self, y):
        with torch.no_grad():
            logits = self.cache[-1][1]
            n = logits.shape[0]
            delta = torch.softmax(logits, dim=1)
            delta[torch.arange(n), y] -= 1.0
            delta /= n                                   # dL/dz_L of the MEAN loss
            for l in range(len(self.layers) - 1, -1, -1):
                a_prev = self.cache[l][0]
                layer = self.layers[l]
                layer.weight.grad = delta.T @ a_prev     # (n_out, n_in), like the weight
                layer.bias.grad = delta[0].clone()
                if l > 0:
                    z_prev = self.cache[l - 1][1]
                    if self.activation == "relu":
                        d = (z_prev > 0).to(z_prev.dtype)
                    elif self.activation == "sigmoid":
                        s = torch.sigmoid(z_prev)
                        d = s * (1.0 - s)
                    else:
                        d = 1.0 - torch.tanh(z_prev) ** 2
                    delta = (delta @ layer.weight) * d
