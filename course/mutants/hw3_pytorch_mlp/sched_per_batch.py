# grade_id: make_scheduler
# kind: mutant
# mistake: schedule sized for stepping once per batch (469 batches of 128 per MNIST epoch) although it is stepped once per epoch
# caught_by: test_make_scheduler
# replace:
def make_scheduler(optimizer, kind, epochs, warmup_epochs=0):
# with:
def make_scheduler(optimizer, kind, epochs, warmup_epochs=0, steps_per_epoch=469):
# replace:
    warmup = warmup_epochs if kind == "warmup_cosine" else 0
# with:
    warmup = (warmup_epochs if kind == "warmup_cosine" else 0) * steps_per_epoch
    epochs = epochs * steps_per_epoch
