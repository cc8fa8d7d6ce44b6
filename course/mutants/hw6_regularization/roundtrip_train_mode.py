# grade_id: round_trip_error
# kind: mutant
# mistake: compared the logits in training mode (dropout on)
# caught_by: test_round_trip_error
# names_mistake: hw6.roundtrip_compared_in_train_mode
# replace:
    model.eval()
    copy.eval()
# with:
    model.train()
