# grade_id: make_augmentation
# kind: valid
# description: written by hand with F.affine_grid / F.grid_sample (one random matrix per image, from torch's generator), align_corners left at its default: torch warns about the default on every call (a library's advice, not a mistake)
class _RandomAffine:
    def __call__(self, x):
        n = x.shape[0]
        angle = torch.deg2rad((torch.rand(n) * 2 - 1) * 10)
        shear = torch.tan(torch.deg2rad((torch.rand(n) * 2 - 1) * 10))
        zoom = 0.9 + 0.2 * torch.rand(n)
        shift = (torch.rand(n, 2) * 2 - 1) * 0.2          # grid units: the image is 2 wide, 10 % = 0.2
        cos, sin = torch.cos(angle), torch.sin(angle)
        # forward map: zoom * rotation @ shear; the grid needs its inverse
        fwd = torch.stack([torch.stack([cos, cos * shear - sin], 1),
                           torch.stack([sin, sin * shear + cos], 1)], 1) * zoom[:, None, None]
        inv = torch.linalg.inv(fwd)
        theta = torch.cat([inv, -(inv @ shift[:, :, None])], 2)
        grid = F.affine_grid(theta, list(x.shape))
        # sample x - BACKGROUND so that zero padding reads as black
        out = F.grid_sample(x - BACKGROUND, grid, mode="bilinear", padding_mode="zeros")
        return out + BACKGROUND


def make_augmentation():
    return _RandomAffine()
