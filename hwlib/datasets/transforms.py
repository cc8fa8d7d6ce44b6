"""Array helpers around the loaders: split, normalise, flatten, one-hot (NumPy only)."""
from __future__ import annotations

import warnings
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from ._resources import SPECS

MNIST_MEAN, MNIST_STD = SPECS["mnist"].mean, SPECS["mnist"].std
FASHION_MEAN, FASHION_STD = SPECS["fashion-mnist"].mean, SPECS["fashion-mnist"].std

# ``(X, y)``: images (or rows) and their labels.
Split: TypeAlias = tuple[np.ndarray, np.ndarray]

# The mean-pixel check needs enough images: one class of MNIST digits alone ranges from 0.07
# (ones) to 0.18 (zeros), while Fashion-MNIST as a whole is at 0.29.
CHECK_MIN_IMAGES = 100
MNIST_MEAN_RANGE = (0.5 * MNIST_MEAN, 1.5 * MNIST_MEAN)


class DatasetStatsWarning(UserWarning):
    """MNIST's mean and std were applied to pixels that do not look like MNIST's."""


def train_val_split(X: npt.ArrayLike, y: npt.ArrayLike, val_size: float | int = 0.1, seed: int = 0,
                    stratify: bool = False) -> tuple[Split, Split]:
    """Shuffle and split into ``(X_train, y_train), (X_val, y_val)``.

    Args:
        X: ``(N, ...)`` array; y: ``(N,)`` labels.
        val_size: a fraction in (0, 1) or a whole number of validation examples.
        seed: the split depends only on this seed (and N).
        stratify: keep each class's share the same in both parts.
    """
    X, y = np.asarray(X), np.asarray(y)
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X has {n} rows but y has {len(y)}; they must match.")
    n_val = int(round(val_size * n)) if isinstance(val_size, float) else int(val_size)
    if not 0 < n_val < n:
        raise ValueError(f"val_size={val_size!r} gives {n_val} of {n} examples for "
                         "validation; use a fraction in (0, 1) or a count in [1, N-1].")
    rng = np.random.default_rng(seed)
    if stratify:
        val_per_class = []
        for cls in np.unique(y):
            idx = rng.permutation(np.flatnonzero(y == cls))
            val_per_class.append(idx[: int(round(len(idx) * n_val / n))])
        val_idx = np.concatenate(val_per_class)
        mask = np.zeros(n, bool)
        mask[val_idx] = True
        train_idx, val_idx = rng.permutation(np.flatnonzero(~mask)), rng.permutation(val_idx)
    else:
        perm = rng.permutation(n)
        val_idx, train_idx = perm[:n_val], perm[n_val:]
    return (X[train_idx], y[train_idx]), (X[val_idx], y[val_idx])


def normalize(X: npt.ArrayLike, mean: float = MNIST_MEAN, std: float = MNIST_STD,
              dtype: type[np.floating] = np.float32) -> npt.NDArray[np.floating]:
    """uint8 pixels (0-255) to ``(X/255 - mean) / std`` as ``dtype`` (float32 by default).

    The default is MNIST's mean and std. Use ``FASHION_MEAN, FASHION_STD`` for Fashion-MNIST;
    ``mean=0, std=1`` only rescales to [0, 1]. With MNIST's statistics, ``X`` of at least
    ``CHECK_MIN_IMAGES`` images whose mean pixel is far from MNIST's (e.g. Fashion-MNIST)
    raises a :class:`DatasetStatsWarning` that says what to pass instead.
    """
    X = np.asarray(X)
    if X.dtype != np.uint8:
        raise TypeError(f"normalize expects uint8 pixels (0-255), got {X.dtype}; "
                        "it was probably normalised already.")
    if (mean, std) == (MNIST_MEAN, MNIST_STD):
        _warn_unless_mnist_like(X)
    out = X.astype(dtype)              # in place from here: one array of the result's size
    out *= dtype(1.0 / (255.0 * std))
    out -= dtype(mean / std)
    return out


def _warn_unless_mnist_like(X: np.ndarray) -> None:
    if X.ndim < 2 or len(X) < CHECK_MIN_IMAGES:
        return
    seen = float(X[:1000].mean()) / 255.0
    low, high = MNIST_MEAN_RANGE
    if low <= seen <= high:
        return
    like = (f" (like Fashion-MNIST's {FASHION_MEAN})" if abs(seen - FASHION_MEAN) < 0.05 else "")
    warnings.warn(
        f"normalize: these images have a mean pixel of {seen:.3f}{like}, far from MNIST's "
        f"{MNIST_MEAN}, but they are being normalised with MNIST's mean and std (the default). "
        "For Fashion-MNIST pass mean=FASHION_MEAN, std=FASHION_STD (from hwlib.datasets); for "
        "other data pass its own mean and std, or mean=0, std=1 to only rescale to [0, 1].",
        DatasetStatsWarning, stacklevel=3)


def flatten(X: npt.ArrayLike) -> np.ndarray:
    """``(N, 28, 28)`` images to ``(N, 784)`` rows (a view when possible)."""
    X = np.asarray(X)
    if X.ndim < 2:
        raise ValueError(f"flatten expects (N, ...) images, got shape {X.shape}")
    return X.reshape(len(X), -1)


def one_hot(y: npt.ArrayLike, num_classes: int = 10, dtype: npt.DTypeLike = np.float32) -> np.ndarray:
    """Integer labels ``(N,)`` to a one-hot matrix ``(N, num_classes)``."""
    y = np.asarray(y)
    if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"one_hot expects a 1-D integer label array, got {y.dtype} {y.shape}")
    if y.size and (y.min() < 0 or y.max() >= num_classes):
        raise ValueError(f"labels must be in [0, {num_classes - 1}], found {y.min()}..{y.max()}")
    out = np.zeros((len(y), num_classes), dtype)
    out[np.arange(len(y)), y] = 1
    return out
