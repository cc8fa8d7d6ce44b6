"""Adapters from NumPy arrays to torch and tf.data pipelines (frameworks imported lazily)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .transforms import MNIST_MEAN, MNIST_STD, normalize

if TYPE_CHECKING:
    import tensorflow as tf
    import torch
    from torch.utils.data import DataLoader, TensorDataset


def _as_float(X: npt.ArrayLike, mean: float, std: float) -> np.ndarray:
    X = np.asarray(X)
    return normalize(X, mean, std) if X.dtype == np.uint8 else X.astype(np.float32, copy=False)


def to_torch_dataset(X: npt.ArrayLike, y: npt.ArrayLike, mean: float = MNIST_MEAN, std: float = MNIST_STD,
                     channels: bool = True) -> TensorDataset:
    """A ``torch.utils.data.TensorDataset`` of float32 images and int64 labels.

    uint8 images are normalised with ``mean``/``std``, by default MNIST's: pass
    ``mean=FASHION_MEAN, std=FASHION_STD`` for Fashion-MNIST (:func:`normalize` warns when
    MNIST's are applied to images that do not look like MNIST). ``channels=True`` gives
    ``(N, 1, 28, 28)`` for CNNs, ``False`` keeps the input shape (e.g. ``(N, 784)``).
    """
    import torch

    X = _as_float(X, mean, std)
    if channels and X.ndim == 3:
        X = X[:, None]
    return torch.utils.data.TensorDataset(torch.from_numpy(np.ascontiguousarray(X)),
                                          torch.from_numpy(np.asarray(y, np.int64)))


def to_torch_loader(X: npt.ArrayLike, y: npt.ArrayLike, batch_size: int = 64, shuffle: bool = True,
                    seed: int = 0, **dataset_kwargs: Any) -> DataLoader[tuple[torch.Tensor, ...]]:
    """A ``DataLoader`` over :func:`to_torch_dataset`, reshuffled per epoch from ``seed``.

    ``dataset_kwargs`` go to :func:`to_torch_dataset`; its ``mean``/``std`` default to MNIST's,
    so pass ``mean=FASHION_MEAN, std=FASHION_STD`` for Fashion-MNIST.
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    return torch.utils.data.DataLoader(to_torch_dataset(X, y, **dataset_kwargs),
                                       batch_size=batch_size, shuffle=shuffle,
                                       generator=generator)


def to_tf_dataset(X: npt.ArrayLike, y: npt.ArrayLike, batch_size: int = 64, shuffle: bool = True,
                  seed: int = 0, mean: float = MNIST_MEAN, std: float = MNIST_STD) -> tf.data.Dataset:
    """A batched ``tf.data.Dataset`` of ``(float32 images, int64 labels)``.

    uint8 images are normalised with ``mean``/``std``, by default MNIST's (see
    :func:`to_torch_dataset`).
    """
    import tensorflow as tf

    images = _as_float(X, mean, std)
    ds = tf.data.Dataset.from_tensor_slices((images, np.asarray(y, np.int64)))
    if shuffle:
        ds = ds.shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
