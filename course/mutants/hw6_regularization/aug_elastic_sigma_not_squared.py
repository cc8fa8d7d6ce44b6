# grade_id: augment_batch
# kind: mutant
# mistake: the smoothing kernel exp(-d^2 / (2 sigma)) uses sigma where sigma^2 belongs: a narrower Gaussian
# caught_by: test_augment_batch
# names_mistake: hw6.augment_elastic_sigma_wrong
# replace:
        gh = torch.exp(-(i[:, None] - i[None, :]) ** 2 / (2 * elastic_sigma ** 2))
# with:
        gh = torch.exp(-(i[:, None] - i[None, :]) ** 2 / (2 * elastic_sigma))
# replace:
        gw = torch.exp(-(j[:, None] - j[None, :]) ** 2 / (2 * elastic_sigma ** 2))
# with:
        gw = torch.exp(-(j[:, None] - j[None, :]) ** 2 / (2 * elastic_sigma))
