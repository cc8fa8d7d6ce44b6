# grade_id: make_scheduler
# kind: mutant
# mistake: returns None for kind 'none' (the caller's step() crashes)
# caught_by: test_make_scheduler
# replace:
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda e: 1.0)
# with:
        return None
