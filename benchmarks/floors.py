"""Section 6: how far the measured epochs are from the machine's limit.

The sgemm throughput (float32 matrix products, 2 threads) is measured once per run, in a
fresh process, on the shapes of the course's layers (a batch of 128 through a dense layer;
the im2col product of SimpleCNN's second convolution), for PyTorch and for NumPy's BLAS.
The best rate of each is the *throughput*; an epoch's *floor* is its arithmetic divided by
that throughput, the time it would take if every FLOP ran at the speed of the best matrix
product and nothing else cost anything.

FLOPs of one training epoch (forward + backward, multiply-add = 2 FLOPs, biases ignored):

* a dense layer ``n_in -> n_out``: forward ``2 n_in n_out`` per image; the backward pass
  costs twice the forward (input and weight gradients), so ``6 x weights x images``;
* a convolution ``k x k``, ``C_in -> C_out`` on an ``H x W`` output: forward
  ``2 k^2 C_in C_out H W`` per image, x3 for forward + backward.

Pooling, activations, batch norm, dropout, augmentation, the optimizer and the per-epoch
evaluation are not counted: they are part of what the multiple measures.
"""
from .common import BenchError, python_json, rounded

SHAPES = [  # (what, M, K, N): an (M x K) @ (K x N) float32 product
    ("dense 784->512, batch 128", 128, 784, 512),
    ("dense 512->256, batch 128", 128, 512, 256),
    ("dense 3136->128, batch 128", 128, 3136, 128),
    ("conv 32->64 3x3 on 14x14 as im2col, batch 128", 128 * 14 * 14, 32 * 9, 64),
]
MIN_TIME_S = 0.4          # per shape and library
IMAGES = 55_000           # training images per epoch in every full configuration

SGEMM_CODE = r"""
import json, sys, time
import numpy as np
import torch
torch.set_num_threads(2)
shapes, min_time = json.loads(sys.argv[1]), float(sys.argv[2])
def rate(mul, a, b, flops):
    mul(a, b)
    reps, start = 0, time.perf_counter()
    while True:
        mul(a, b)
        reps += 1
        took = time.perf_counter() - start
        if took >= min_time:
            return flops * reps / took / 1e9
out = []
rng = np.random.default_rng(0)
for what, m, k, n in shapes:
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    flops = 2.0 * m * k * n
    out.append({"what": what, "m": m, "k": k, "n": n,
                "torch_gflops": rate(torch.mm, torch.from_numpy(a), torch.from_numpy(b), flops),
                "numpy_gflops": rate(np.matmul, a, b, flops)})
print(json.dumps(out))
"""


def dense_weights(sizes):
    """Weights (no biases) of an MLP with layer sizes ``[n_in, ..., n_out]``."""
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=False))


def dense_epoch_flops(sizes, images=IMAGES):
    """Forward + backward FLOPs of one epoch of an MLP: 6 x weights x images."""
    return 6 * dense_weights(sizes) * images


def conv_forward_flops(k, c_in, c_out, h, w):
    """Forward FLOPs of one ``k x k`` convolution for one image, ``h x w`` output."""
    return 2 * k * k * c_in * c_out * h * w


def simple_cnn_epoch_flops(images=IMAGES):
    """hw4's SimpleCNN: conv 1->32 on 28x28, conv 32->64 on 14x14 (3x3, pad 1), fc 3136->128->10."""
    convs = conv_forward_flops(3, 1, 32, 28, 28) + conv_forward_flops(3, 32, 64, 14, 14)
    return (3 * convs + 6 * dense_weights([3136, 128, 10])) * images


def floor_row(what, library, flops, gflops, measured_s, source):
    """One table row: the floor in seconds and the measured epoch as a multiple of it."""
    floor = flops / (gflops * 1e9) if gflops else None
    return {"what": what, "library": library, "gflop_per_epoch": rounded(flops / 1e9, 1),
            "floor_s": rounded(floor, 2), "measured_s": rounded(measured_s, 2),
            "multiple": rounded(measured_s / floor, 1) if floor and measured_s else None,
            "measured_by": source}


# (section 3 assignment, RESULT name) -> (what, library, epoch FLOPs)
NOTEBOOK_MODELS = {
    ("hw1_numpy_backprop", "main"): ("hw1 main run, NumPy MLP 784-512-10", "numpy",
                                     dense_epoch_flops([784, 512, 10])),
    ("hw3_pytorch_mlp", "main"): ("hw3 main run, MLP 784-512-256-10", "torch",
                                  dense_epoch_flops([784, 512, 256, 10])),
    ("hw3_pytorch_mlp", "manual_mlp"): ("hw3 ManualMLP 784-512-128-10", "torch",
                                        dense_epoch_flops([784, 512, 128, 10])),
    ("hw4_cnn", "main"): ("hw4 main run, SimpleCNN", "torch", simple_cnn_epoch_flops()),
    ("hw6_regularization", "deep_mlp"): ("hw6 deep MLP 784-1500-1000-500-10", "torch",
                                         dense_epoch_flops([784, 1500, 1000, 500, 10])),
}


def table(sections, rates):
    """Floor rows for section 2's curves and section 3's RESULT lines, given ``rates``
    (``{"torch": GFLOP/s, "numpy": GFLOP/s}``)."""
    from .numpy_mlp import CONFIGS

    rows = []
    sizes = {c["id"]: c for c in CONFIGS}
    for cid, curve in ((sections.get("numpy_mlp") or {}).get("curves") or {}).items():
        cfg, last = sizes.get(cid), (curve.get("points") or [None])[-1]
        if cfg is None or last is None or not last.get("epoch") or curve.get("n_train", 0) < IMAGES:
            continue      # the small recipes (10,000 images full-batch, per-sample SGD) are not epochs to compare
        flops = dense_epoch_flops(cfg["sizes"], curve.get("n_train", IMAGES))
        rows.append(floor_row(f"section 2 {cid}: NumPy MLP {'-'.join(map(str, cfg['sizes']))}", "numpy",
                              flops, rates.get("numpy"), last["seconds"] / last["epoch"], f"section 2, {cid}"))
    by_id = {r.get("id"): r for r in (sections.get("notebooks") or {}).get("rows", [])}
    for (aid, name), (what, library, flops) in NOTEBOOK_MODELS.items():
        res = next((r for r in (by_id.get(aid) or {}).get("results", []) if r.get("name") == name), None)
        if not res or not isinstance(res.get("seconds"), (int, float)) or not res.get("epochs"):
            continue
        images = res.get("images") if isinstance(res.get("images"), int) else IMAGES
        rows.append(floor_row(what, library, flops * images / IMAGES, rates.get(library),
                              res["seconds"] / res["epochs"], f"section 3, {aid} RESULT name={name}"))
    return rows


def run(sections, quick=False, echo=print):
    """Measure the sgemm throughput; the floor table against the sections measured so far."""
    import json

    try:
        shapes, _ = python_json(SGEMM_CODE, json.dumps(SHAPES), 0.05 if quick else MIN_TIME_S, timeout=300)
    except BenchError as exc:
        return {"status": "error", "error": str(exc)}
    rates = {"torch": max(s["torch_gflops"] for s in shapes), "numpy": max(s["numpy_gflops"] for s in shapes)}
    echo(f"[floors] sgemm, 2 threads: PyTorch {rates['torch']:.0f} GFLOP/s, NumPy {rates['numpy']:.0f} GFLOP/s")
    return {"status": "ok", "sgemm": [{k: rounded(v, 1) if isinstance(v, float) else v for k, v in s.items()}
                                      for s in shapes],
            "rates_gflops": {k: rounded(v, 1) for k, v in rates.items()}, "rows": table(sections, rates)}
