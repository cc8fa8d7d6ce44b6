"""Section 5: the accuracies the course material reports, next to what this run measured.

The numbers are fixed (they come from the course's lecture material, measured once on
other hardware); ``match`` says which measured row corresponds, and ``note`` how close the
configurations are. ``("numpy_mlp", curve id)`` is a run of section 2;
``("notebooks", assignment, RESULT name)`` is a RESULT line of section 3.
"""
from .common import rounded

COURSE_NUMBERS = [
    dict(id="softmax_lr1", what="softmax regression in PyTorch, lr 1.0", reported=0.8900, split="test",
         match=("notebooks", "hw1_numpy_backprop", "softmax_lr1"),
         note="hw1 softmax-regression sweep, lr 1.0"),
    dict(id="softmax_lr0.01", what="softmax regression in PyTorch, lr 0.01", reported=0.9214, split="test",
         match=("notebooks", "hw1_numpy_backprop", "softmax_lr0.01"),
         note="hw1 softmax-regression sweep, lr 0.01"),
    dict(id="softmax_lr1e-5", what="softmax regression in PyTorch, lr 1e-5", reported=0.7154, split="test",
         match=("notebooks", "hw1_numpy_backprop", "softmax_lr1e-5"),
         note="hw1 softmax-regression sweep, lr 1e-5"),
    dict(id="numpy_fullbatch", what="NumPy from scratch: full-batch GD, N(0, 0.01^2) init, 50 epochs",
         reported=0.3282, split="not stated", match=("numpy_mlp", "fullbatch_small_init"),
         note="same recipe as hw1 section 8.2 (784-128-64-10, lr 0.01, 10,000 images)"),
    dict(id="numpy_per_sample", what="NumPy from scratch: per-sample SGD, 3 epochs",
         reported=0.7026, split="not stated", match=("numpy_mlp", "per_sample_sgd"),
         note="same recipe as hw1 section 8.3 (784-128-10, He, lr 0.01, 5,000 images)"),
    dict(id="torch_512_128", what="hand-written PyTorch MLP 784-512-128-10",
         reported=0.9790, split="val", match=("notebooks", "hw3_pytorch_mlp", "manual_mlp"),
         note="hw3 ManualMLP at the material's size, full configuration"),
    dict(id="torch_500_250_100", what="PyTorch MLP 784-500-250-100-10 ReLU, 15 epochs",
         reported=0.9829, split="test", match=("notebooks", "hw3_pytorch_mlp", "main"),
         note="closest: hw3 main run (784-512-256-10, Adam, warm-up + cosine, up to 30 epochs)"),
    dict(id="simple_cnn", what="SimpleCNN, 10 epochs", reported=0.9843, split="val",
         match=("notebooks", "hw4_cnn", "main"),
         note="closest: hw4 main run (SimpleCNN with augmentation, Adam one-cycle, 10 epochs)"),
    dict(id="bn_dropout_ffn", what="feed-forward net with batch norm + dropout 0.1",
         reported=0.9797, split="val", match=("notebooks", "hw3_pytorch_mlp", "bn_dropout"),
         note="hw3 batch norm + dropout 0.1 net, full configuration"),
    dict(id="keras_128", what="Keras 784-128-10, 5 epochs", reported=0.9771, split="test",
         match=("notebooks", "hw2_keras_mlp", "main"),
         note="closest: hw2 main run (784-512-256-10, dropout 0.3, Adam, 20 epochs)"),
    dict(id="deep_mlp_aug", what="deep MLP 1500-1000-500 with augmentation, 50 epochs (56 s/epoch on a GPU)",
         reported=0.9913, split="test", match=("notebooks", "hw6_regularization", "deep_mlp"),
         note="hw6 full run: deep MLP with batch norm, dropout, batch augmentation, <= 10 min on 2 CPU cores"),
    dict(id="fashion_256_128_64", what="Fashion-MNIST 784-256-128-64-10, 20 epochs",
         reported=0.8582, split="test", match=("notebooks", "hw3_pytorch_mlp", "fashion_mlp"),
         note="hw3 C.7: same architecture, Adam + warm-up/cosine, up to 30 epochs"),
]


def _measured(match, sections):
    """``(test_acc, val_acc, source, reason)`` of the row ``match`` points to."""
    if match is None:
        return None, None, None, "no corresponding measurement"
    kind = match[0]
    sec = sections.get(kind) or {}
    if sec.get("status") != "ok":
        return None, None, None, f"section {kind} {sec.get('status', 'not run')}"
    if kind == "numpy_mlp":
        if sec.get("quick"):
            return None, None, None, "quick mode: not comparable"
        curve = sec.get("curves", {}).get(match[1])
        if not curve:
            return None, None, None, f"{match[1]} not run" + (" (quick mode)" if sec.get("quick") else "")
        last = curve["points"][-1]
        return last["test_acc"], last["val_acc"], f"section 2, {match[1]} (epoch {last['epoch']})", ""
    row = next((r for r in sec.get("rows", []) if r.get("id") == match[1]), None)
    if row is None:
        return None, None, None, f"{match[1]} not in this run"
    if row.get("status") == "skipped":
        return None, None, None, f"{match[1]}: {row.get('reason')}"
    res = next((r for r in row.get("results", []) if r.get("name") == match[2]), None)
    if res is None:
        return None, None, None, f"{match[1]} printed no RESULT line name={match[2]}"
    return (res.get("test_accuracy"), res.get("val_accuracy"),
            f"section 3, {match[1]} RESULT name={match[2]}", "")


def run(sections):
    rows = []
    for entry in COURSE_NUMBERS:
        test, val, source, reason = _measured(entry["match"], sections)
        rows.append({"id": entry["id"], "what": entry["what"], "reported": entry["reported"],
                     "reported_split": entry["split"], "measured_test": rounded(test),
                     "measured_val": rounded(val), "measured_by": source, "note": entry["note"],
                     "reason": reason or None})
    return {"status": "ok", "rows": rows}
