# grade_id: train_epoch
# kind: mutant
# mistake: optimizer.zero_grad() between backward() and step(): the step sees no gradient
# caught_by: test_train_epoch
# names_mistake: hw3.train_epoch_parameters_did_change_zero
# replace:
        optimizer.zero_grad()
        logits = model(x)
        loss = loss_fn(logits, y)
        loss.backward()
# with:
        logits = model(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.zero_grad()
