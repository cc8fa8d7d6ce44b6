# grade_id: time_per_image
# kind: valid
# description: torch.inference_mode, per-batch timings summed, warm-up on the last batch
def time_per_image(model, X, batch_size=256):
    model.train(False)
    total = 0.0
    with torch.inference_mode():
        model(X[-batch_size:])
        for chunk in torch.split(X, batch_size):
            t0 = time.perf_counter()
            model(chunk)
            total += time.perf_counter() - t0
    return total / X.shape[0]
