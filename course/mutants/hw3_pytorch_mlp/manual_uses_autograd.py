# grade_id: ManualMLP
# kind: mutant
# mistake: manual_backward calls autograd (torch.autograd.grad on the loss) instead of computing the gradients by hand
# caught_by: test_ManualMLP
# replace:
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
                layer.bias.grad = delta.sum(dim=0)
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
# with:
        logits = self.cache[-1][1]
        loss = F.cross_entropy(logits, y)
        params = list(self.parameters())
        for p, g in zip(params, torch.autograd.grad(loss, params)):
            p.grad = g
