"""``demo``: the course's main job, end to end, on real data.

Steps (each prints one line and what it wrote under ``artifacts/demo/``):
1. load MNIST and Fashion-MNIST (``$HWLIB_DATA``, the cache, or the shipped mini subsets);
2. run a gradient check of softmax regression with ``hwlib.gradcheck``;
3. plot a grid of digits with ``hwlib.plotting``.
"""
import time
import warnings
from pathlib import Path

import numpy as np

from .course import course_root


def _load(echo):
    from hwlib.datasets import MiniFallbackWarning, load_fashion_mnist, load_mnist

    out = {}
    for name, loader in (("MNIST", load_mnist), ("Fashion-MNIST", load_fashion_mnist)):
        t = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MiniFallbackWarning)
            (X, y), (Xt, yt) = loader(fallback_to_mini=True)
        source = "mini subset (full set not found)" if caught else "full set"
        echo(f"[data] {name}: {len(X):,} train + {len(Xt):,} test images, {source}, "
             f"{time.perf_counter() - t:.2f} s")
        out[name] = (X, y), (Xt, yt)
    return out


def _gradient_check(X, y, echo):
    from hwlib.datasets import flatten, normalize
    from hwlib.gradcheck import check_gradients

    rng = np.random.default_rng(0)
    Xs = flatten(normalize(X[:20])).astype(np.float64)[:, ::16]   # 20 images, 49 pixels
    W = rng.normal(0, 0.1, (Xs.shape[1], 10))
    b = np.zeros(10)

    def loss():
        z = Xs @ W + b
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -logp[np.arange(len(y[:20])), y[:20]].mean()

    z = Xs @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(20), y[:20]] -= 1
    dz = p / 20
    report = check_gradients(loss, {"W": W, "b": b}, {"W": Xs.T @ dz, "b": dz.sum(axis=0)})
    echo(f"[gradcheck] softmax regression: max relative error {report.max_rel_error:.1e} "
         f"({'pass' if report.passed else 'FAIL'})")
    return report


def _plot(X, y, out_dir, echo):
    import matplotlib

    matplotlib.use("Agg")
    from hwlib.plotting import plot_image_grid

    fig = plot_image_grid(X[:32], true_labels=y[:32], title="The first 32 MNIST training digits")
    path = out_dir / "mnist_grid.png"
    fig.savefig(path, dpi=80)
    echo(f"[plot] {path}")


def demo(out_dir=None, echo=print):
    """Run the demo; returns True when every step worked."""
    out_dir = Path(out_dir or course_root() / "artifacts" / "demo")
    out_dir.mkdir(parents=True, exist_ok=True)
    data = _load(echo)
    (X, y), _ = data["MNIST"]
    report = _gradient_check(X, y, echo)
    (out_dir / "gradcheck.txt").write_text(str(report) + "\n")
    _plot(X, y, out_dir, echo)
    echo(f"[done] artifacts in {out_dir}")
    return report.passed
