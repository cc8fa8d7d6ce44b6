"""Array helpers around the loaders: split, normalise, flatten, one-hot (NumPy only)."""
from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from ._resources import SPECS

MNIST_MEAN, MNIST_STD = SPECS["mnist"].mean, SPECS["mnist"].std
FASHION_MEAN, FASHION_STD = SPECS["fashion-mnist"].mean, SPECS["fashion-mnist"].std

# ``(X, y)``: images (or rows) and their labels.
Split: TypeAlias = tuple[np.ndarray, np.ndarray]


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

    Use ``FASHION_MEAN, FASHION_STD`` for Fashion-MNIST; ``mean=0, std=1`` only rescales to [0, 1].
    """
    X = np.asarray(X)
    if X.dtype != np.uint8:
        raise TypeError(f"normalize expects uint8 pixels (0-255), got {X.dtype}; "
                        "it was probably normalised already.")
    scale = dtype(1.0 / (255.0 * std))
    return X.astype(dtype) * scale - dtype(mean / std)


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
