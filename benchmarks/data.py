"""Section 1: start-up and data: ``import hwlib`` and loading MNIST, each in a fresh process.

* interpreter start: wall time of ``python -c pass`` (includes the environment's
  ``.pth`` start-up hook, which every notebook kernel and grader process also pays);
* ``import hwlib``, then ``import hwlib.datasets`` (which imports NumPy), then
  ``import nbformat`` (the autograder's heaviest import), timed inside a fresh interpreter,
  median of 5;
* ``hwlib.datasets.load_mnist(data_dir=...)``: *cold* = an empty ``$HWLIB_CACHE`` (md5 of
  the four ``.gz`` files, gunzip + IDX decode, the decoded ``.npy`` cache written), then
  *warm* = the same cache (md5 of the ``.gz`` files + ``np.load``), median of 3. The OS
  page cache is warm in both cases: "cold" means hwlib's decoded cache is empty.
"""
import os
import sys
import tempfile
from pathlib import Path

from .common import child_env, median, python_json, rounded

IMPORT_CODE = """
import json, time
t0 = time.perf_counter()
import hwlib
t1 = time.perf_counter()
import hwlib.datasets
t2 = time.perf_counter()
import nbformat
t3 = time.perf_counter()
print(json.dumps({"hwlib": t1 - t0, "hwlib.datasets": t2 - t1, "nbformat": t3 - t2}))
"""

LOAD_CODE = """
import json, sys, time
t = time.perf_counter()
from hwlib.datasets import load_mnist
t_import = time.perf_counter() - t
t = time.perf_counter()
kw = {"subset": "mini"} if sys.argv[2] == "mini" else {"data_dir": sys.argv[1]}
(X, y), (Xt, yt) = load_mnist(**kw)
print(json.dumps({"seconds": time.perf_counter() - t, "import_seconds": t_import,
                  "n_train": len(X), "n_test": len(Xt), "dtype": str(X.dtype)}))
"""


def mnist_dir():
    """``$HWLIB_DATA/mnist`` if it holds the full set, else None (then the mini subset)."""
    root = os.environ.get("HWLIB_DATA")
    if root and (Path(root) / "mnist" / "train-images-idx3-ubyte.gz").is_file():
        return Path(root) / "mnist"
    return None


def run(quick=False, echo=print):
    n_import, n_warm = (2, 1) if quick else (5, 3)
    data_dir = mnist_dir()
    subset = "full" if data_dir else "mini"
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
        env = child_env(HWLIB_CACHE=str(Path(tmp) / "cache"), HWLIB_GRADING=None)

        walls = [python_json("print(0)", env=env, cwd=tmp)[1]
                 for _ in range(n_import)]
        rows.append(_row("python_start", "interpreter start (fresh `python -c`, incl. the .pth start-up hook)",
                         walls, "s"))
        samples = [python_json(IMPORT_CODE, env=env, cwd=tmp)[0] for _ in range(n_import)]
        whats = {"hwlib": "`import hwlib` (lazy package)",
                 "hwlib.datasets": "then `import hwlib.datasets` (incl. NumPy)",
                 "nbformat": "then `import nbformat` (paid by every grader process and worker)"}
        for key, what in whats.items():
            rows.append(_row(f"import_{key}", what, [s[key] for s in samples], "s"))
        echo(f"[data] import hwlib {rows[1]['median']:.3f} s, hwlib.datasets "
             f"{rows[2]['median']:.3f} s (median of {n_import} fresh processes)")

        cold, _ = python_json(LOAD_CODE, data_dir or "", subset, env=env, cwd=tmp)
        decoded = sorted(p.name for p in (Path(tmp) / "cache" / "decoded").glob("*.npy"))
        warm = [python_json(LOAD_CODE, data_dir or "", subset, env=env, cwd=tmp)[0]
                for _ in range(n_warm)]
    label = f"MNIST {subset} ({cold['n_train']:,} + {cold['n_test']:,} images)"
    rows.append(_row("load_mnist_cold", f"`load_mnist` cold: empty HWLIB_CACHE, {label}",
                     [cold["seconds"]], "s", decoded_files_written=len(decoded)))
    rows.append(_row("load_mnist_warm", f"`load_mnist` warm: decoded cache present, {label}",
                     [w["seconds"] for w in warm], "s"))
    echo(f"[data] load_mnist cold {cold['seconds']:.2f} s ({len(decoded)} decoded files "
         f"cached), warm {rows[-1]['median']:.2f} s (median of {n_warm})")
    if subset == "mini":
        notes.append("HWLIB_DATA does not hold the full MNIST: the shipped mini subset was "
                     "loaded instead (set HWLIB_DATA for the real numbers)")
    return {"status": "ok", "data": subset, "data_dir": str(data_dir) if data_dir else None,
            "rows": rows, "notes": notes, "python": sys.executable}


def _row(id_, what, samples, unit, **extra):
    return {"id": id_, "what": what, "median": rounded(median(samples)), "unit": unit,
            "n": len(samples), "samples": [rounded(s) for s in samples], **extra}
