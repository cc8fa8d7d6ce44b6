"""Section 3's control row: one fixed workload in a plain process and inside the harness.

The workload is part of one hw4 main-run epoch: the notebook's own ``SimpleCNN``,
``make_augmentation`` and ``train_cnn`` (the reference solution) train a fresh model
(``channels_last``, as the main run does) for one epoch on the first ``IMAGES`` training
images (batch 128, augmentation on, lr 3e-3, seed 0).
The cells it needs are cut from the source notebook by ``autograder.slicing`` (the set-up,
data and definition cells), then run twice each, alternately, back to back:

* **plain**: the same cells exec'd by a fresh ``python`` (IPython magics dropped), in the
  same environment the harness gives a kernel (:func:`harness.notebook_env`);
* **harness**: :func:`harness.run_notebook`, i.e. a Jupyter kernel started by nbclient,
  with the memory sampler running, exactly as section 3 runs every notebook.

Both sides time only the ``train_cnn`` call, inside the process (wall and CPU seconds, and
the minor page faults it caused: allocator churn that varies with a process's history), so
start-up and data loading do not count. ``harness / plain`` is the ratio of the medians;
the target is <= ``TARGET`` (the harness measures what a student's kernel gets).
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import median, rounded
from .harness import notebook_env, parse_results, run_notebook

ASSIGNMENT = "hw4_cnn"
IMAGES = 5_120            # 40 batches of 128: about a tenth of an epoch
QUICK_IMAGES = 256
REPEATS = 2               # plain, harness, plain, harness
TARGET = 1.1
RUN_TIMEOUT_S = 300

WORKLOAD = """\
import resource as _bench_resource
import time as _bench_time
import torch as _bench_torch
seed_everything(0)
_bench_model = SimpleCNN().to(memory_format=_bench_torch.channels_last)   # as in the main run
_bench_faults = _bench_resource.getrusage(_bench_resource.RUSAGE_SELF).ru_minflt
_bench_wall, _bench_cpu = _bench_time.perf_counter(), _bench_time.process_time()
train_cnn(_bench_model, X_train[:{images}], y_train[:{images}], epochs=1, batch_size=128, lr=3e-3,
          augment=True, seed=0)
_bench_wall = _bench_time.perf_counter() - _bench_wall
_bench_cpu = _bench_time.process_time() - _bench_cpu
_bench_faults = _bench_resource.getrusage(_bench_resource.RUSAGE_SELF).ru_minflt - _bench_faults
print(f"RESULT name=workload seconds={{_bench_wall:.3f}} cpu_s={{_bench_cpu:.3f}} images={images} "
      f"threads={{_bench_torch.get_num_threads()}} minor_faults={{_bench_faults}}")
"""


def workload_cells(nb, images):
    """The code cells (sources) the workload needs, in notebook order, the workload last."""
    from autograder import cells as C
    from autograder import slicing

    code = [c for c in nb.cells if c.cell_type == "code"]
    sources = [c.source for c in code] + [WORKLOAD.format(images=images)]
    tests = [i for i, c in enumerate(code) if C.is_test(c)]
    first_answer = next((i for i, c in enumerate(code) if C.is_answer(c)), len(code))
    always = [i for i in range(first_answer) if i not in tests]
    keep = set(slicing.needed(sources, [len(code)], always, tests)) - set(tests)
    return [sources[i] for i in sorted(keep)]


def plain_script(sources):
    """The cells as one Python script: IPython magic and shell lines (``%...``, ``!...``) dropped."""
    lines = []
    for src in sources:
        lines += [ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        lines.append("")
    return "\n".join(lines)


def ratio(plain_s, harness_s):
    """``median(harness) / median(plain)`` of two lists of seconds (None if either is empty)."""
    p, h = median(plain_s), median(harness_s)
    return None if not p or h is None else h / p


def target_row(sec):
    """The target row "harness / plain <= 1.1" for the section's ``harness_ratio`` entry."""
    target = f"harness / plain <= {TARGET:g} (one fixed SimpleCNN workload, timed in both)"
    if not sec or sec.get("ratio") is None:
        why = (sec or {}).get("reason") or (sec or {}).get("error") or "not measured"
        return {"target": target, "measured": f"not measured ({why})", "met": None}
    return {"target": target, "met": sec["ratio"] <= TARGET,
            "measured": f"{sec['ratio']:.2f}x ({median(sec['harness_s']):.1f} s vs "
                        f"{median(sec['plain_s']):.1f} s for {sec['images']:,} images)"}


def _plain(script, env, tmp):
    path = Path(tmp) / "workload.py"
    path.write_text(script)
    proc = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env,
                          cwd=tmp, timeout=RUN_TIMEOUT_S)
    found = [r for r in parse_results(proc.stdout) if r["name"] == "workload"]
    if proc.returncode or not found:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"plain run failed (exit {proc.returncode}): {tail}"[:600])
    return found[0]


def _harness(path, sources):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    res = run_notebook(path, timeout_s=RUN_TIMEOUT_S, nb=nb)
    found = [r for r in res["results"] if r["name"] == "workload"]
    if res["status"] != "ok" or not found:
        raise RuntimeError(f"harness run failed: {res['error'] or 'no RESULT name=workload'}"[:600])
    return found[0]


def run(root, quick=False, echo=print):
    """Time the workload plain / harness alternately; ``{"ratio": ..., ...}`` or a skip reason."""
    import nbformat

    path = Path(root) / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if not path.is_file():
        return {"status": "skipped", "reason": f"no {ASSIGNMENT} source notebook in {root}"}
    images = QUICK_IMAGES if quick else IMAGES
    repeats = 1 if quick else REPEATS
    start = time.perf_counter()
    try:
        sources = workload_cells(nbformat.read(str(path), as_version=4), images)
        env = notebook_env()
        plain, harness = [], []
        with tempfile.TemporaryDirectory(prefix="bench-ratio-") as tmp:
            for _ in range(repeats):
                plain.append(_plain(plain_script(sources), env, tmp))
                harness.append(_harness(path, sources))
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        echo(f"[notebooks] harness / plain: failed: {exc}")
        return {"status": "error", "error": str(exc)[:600]}
    out = {"status": "ok", "assignment": ASSIGNMENT, "images": images, "repeats": repeats,
           "plain_s": [r["seconds"] for r in plain], "harness_s": [r["seconds"] for r in harness],
           "plain_cpu_s": [r["cpu_s"] for r in plain], "harness_cpu_s": [r["cpu_s"] for r in harness],
           "plain_faults": [r.get("minor_faults") for r in plain],
           "harness_faults": [r.get("minor_faults") for r in harness],
           "threads": harness[0].get("threads"), "cells": len(sources),
           "section_s": rounded(time.perf_counter() - start, 1)}
    out["ratio"] = rounded(ratio(out["plain_s"], out["harness_s"]), 3)
    out["cpu_ratio"] = rounded(ratio(out["plain_cpu_s"], out["harness_cpu_s"]), 3)
    echo(f"[notebooks] harness / plain on {images} images: {out['ratio']:.2f}x (plain {out['plain_s']} s, "
         f"harness {out['harness_s']} s; CPU {out['cpu_ratio']:.2f}x)")
    return out
