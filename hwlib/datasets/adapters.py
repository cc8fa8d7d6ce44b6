"""Adapters from NumPy arrays to torch and tf.data pipelines (frameworks imported lazily)."""
import numpy as np

from .transforms import MNIST_MEAN, MNIST_STD, normalize


def _as_float(X, mean, std):
    X = np.asarray(X)
    return normalize(X, mean, std) if X.dtype == np.uint8 else X.astype(np.float32, copy=False)


def to_torch_dataset(X, y, mean=MNIST_MEAN, std=MNIST_STD, channels=True):
    """A ``torch.utils.data.TensorDataset`` of float32 images and int64 labels.

    uint8 images are normalised with ``mean``/``std``; ``channels=True`` gives
    ``(N, 1, 28, 28)`` for CNNs, ``False`` keeps the input shape (e.g. ``(N, 784)``).
    """
    import torch

    X = _as_float(X, mean, std)
    if channels and X.ndim == 3:
        X = X[:, None]
    return torch.utils.data.TensorDataset(torch.from_numpy(np.ascontiguousarray(X)),
                                          torch.from_numpy(np.asarray(y, np.int64)))


def to_torch_loader(X, y, batch_size=64, shuffle=True, seed=0, **dataset_kwargs):
    """A ``DataLoader`` over :func:`to_torch_dataset`, reshuffled per epoch from ``seed``."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    return torch.utils.data.DataLoader(to_torch_dataset(X, y, **dataset_kwargs),
                                       batch_size=batch_size, shuffle=shuffle,
                                       generator=generator)


def to_tf_dataset(X, y, batch_size=64, shuffle=True, seed=0, mean=MNIST_MEAN, std=MNIST_STD):
    """A batched ``tf.data.Dataset`` of ``(float32 images, int64 labels)``."""
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((_as_float(X, mean, std), np.asarray(y, np.int64)))
    if shuffle:
        ds = ds.shuffle(len(X), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
