# grade_id: augment_batch
# kind: valid
# description: forward 3x3 matrices (shift @ rotate @ scale) inverted with torch.linalg.inv; elastic smoothing with a separable F.conv2d
def augment_batch(x, generator, degrees=10.0, translate=0.1, scale=(0.9, 1.1), elastic_alpha=0.0,
                  elastic_sigma=4.0):
    n, _, h, w = x.shape
    angle = torch.deg2rad((torch.rand(n, generator=generator) * 2 - 1) * degrees)
    s = torch.empty(n).uniform_(scale[0], scale[1], generator=generator)
    t = (torch.rand(n, 2, generator=generator) * 2 - 1) * translate * 2
    forward = torch.zeros(n, 3, 3)
    forward[:, 0, 0], forward[:, 0, 1] = s * torch.cos(angle), -s * torch.sin(angle)
    forward[:, 1, 0], forward[:, 1, 1] = s * torch.sin(angle), s * torch.cos(angle)
    forward[:, :2, 2] = t
    forward[:, 2, 2] = 1
    theta = torch.linalg.inv(forward)[:, :2, :]
    grid = F.affine_grid(theta, (n, 1, h, w), align_corners=False)
    if elastic_alpha:
        r = max(1, int(3 * elastic_sigma + 0.5))
        k = torch.exp(-torch.arange(-r, r + 1, dtype=torch.float32) ** 2 / (2 * elastic_sigma ** 2))
        k = k / k.sum()
        field = torch.rand(2 * n, 1, h, w, generator=generator) * 2 - 1
        field = F.conv2d(F.conv2d(field, k.view(1, 1, 1, -1), padding=(0, r)), k.view(1, 1, -1, 1), padding=(r, 0))
        field = field.view(n, 2, h, w).permute(0, 2, 3, 1)
        grid = grid + elastic_alpha * field * torch.tensor([2 / w, 2 / h])
    return F.grid_sample(x, grid, align_corners=False)
