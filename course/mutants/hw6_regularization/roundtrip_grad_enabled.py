# grade_id: round_trip_error
# kind: mutant
# mistake: the logits compared with autograd on (no torch.no_grad())
# caught_by: test_round_trip_error
# names_mistake: hw6.roundtrip_grad_enabled
# replace:
    with torch.no_grad():
        return float((model(x) - copy(x)).abs().max())
# with:
    return float((model(x) - copy(x)).abs().max())
