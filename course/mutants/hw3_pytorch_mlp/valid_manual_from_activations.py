# grade_id: ManualMLP
# kind: valid
# description: caches the activations a_l and takes f' from them (a(1-a), 1-a^2, a>0); einsum for the weight gradient; log-softmax via logsumexp
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
        acts = [x]
        for i, layer in enumerate(self.layers):
            z = torch.addmm(layer.bias, acts[-1], layer.weight.t())
            if i < len(self.layers) - 1:
                z = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[self.activation](z)
            acts.append(z)
        self.cache = acts
        return acts[-1]

    def manual_backward(self, y):
        with torch.no_grad():
            acts = [a.detach() for a in self.cache]
            logits = acts[-1]
            probs = torch.exp(logits - torch.logsumexp(logits, dim=1, keepdim=True))
            g = (probs - F.one_hot(y, probs.shape[1]).to(probs.dtype)) / probs.shape[0]
            for i in reversed(range(len(self.layers))):
                self.layers[i].weight.grad = torch.einsum("no,ni->oi", g, acts[i])
                self.layers[i].bias.grad = g.sum(0)
                if i:
                    a = acts[i]
                    if self.activation == "relu":
                        d = (a > 0).to(a.dtype)
                    elif self.activation == "sigmoid":
                        d = a * (1 - a)
                    else:
                        d = 1 - a * a
                    g = (g @ self.layers[i].weight) * d
