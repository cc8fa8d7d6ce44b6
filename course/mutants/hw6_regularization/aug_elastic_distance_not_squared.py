# grade_id: augment_batch
# kind: mutant
# mistake: the smoothing kernel uses the distance |i - j| instead of its square: a much wider, non-Gaussian kernel
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_sigma_wrong
# replace:
        gh = torch.exp(-(i[:, None] - i[None, :]) ** 2 / (2 * elastic_sigma ** 2))
# with:
        gh = torch.exp(-(i[:, None] - i[None, :]).abs() / (2 * elastic_sigma ** 2))
# replace:
        gw = torch.exp(-(j[:, None] - j[None, :]) ** 2 / (2 * elastic_sigma ** 2))
# with:
        gw = torch.exp(-(j[:, None] - j[None, :]).abs() / (2 * elastic_sigma ** 2))
