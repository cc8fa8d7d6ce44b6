# grade_id: MLP
# kind: mutant
# mistake: dropout by hand without the 1/(1-p) scaling of the surviving units
# caught_by: test_MLP
# names_mistake: hw3.mlp_no_scaling_surviving_units
# replace:
                layers.append(nn.Dropout(dropout))
# with:
                layers.append(_UnscaledDropout(dropout))
# replace:
class MLP(nn.Module):
# with:
class _UnscaledDropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return x * (torch.rand_like(x) >= self.p) if self.training else x


class MLP(nn.Module):
