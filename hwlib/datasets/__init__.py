"""MNIST and Fashion-MNIST: checksummed, cached, offline-friendly loaders and helpers.

    >>> from hwlib.datasets import load_mnist
    >>> (X_train, y_train), (X_test, y_test) = load_mnist()   # uint8 (N,28,28), int64 (N,)

Where the files are looked for, in order: ``data_dir=``, ``$HWLIB_DATA/mnist/`` (or
``fashion-mnist/``), the user cache (``$HWLIB_CACHE`` or ``~/.cache/hwlib``), then the
mirrors. ``subset="mini"`` (or ``$HWLIB_SUBSET=mini``) uses the small real subset shipped in
``hwlib/datasets/mini``; :func:`by_subset` picks a test's accuracy bar for the subset loaded.
"""
from ._fetch import DatasetChecksumError, DatasetNotFoundError, cache_home
from ._idx import DatasetFormatError
from .adapters import to_tf_dataset, to_torch_dataset, to_torch_loader
from .files import DATASET_NAMES, DataFile, find_files
from .loaders import (
    FASHION_MNIST,
    MNIST,
    MiniFallbackWarning,
    by_subset,
    default_subset,
    load_dataset,
    load_fashion_mnist,
    load_mnist,
    loaded_subset,
    mini_checksums,
)
from .transforms import (
    FASHION_MEAN,
    FASHION_STD,
    MNIST_MEAN,
    MNIST_STD,
    DatasetStatsWarning,
    flatten,
    normalize,
    one_hot,
    train_val_split,
)

__all__ = [
    "load_mnist", "load_fashion_mnist", "load_dataset", "mini_checksums", "cache_home",
    "default_subset", "loaded_subset", "by_subset",
    "train_val_split", "normalize", "flatten", "one_hot",
    "to_torch_dataset", "to_torch_loader", "to_tf_dataset",
    "MNIST_MEAN", "MNIST_STD", "FASHION_MEAN", "FASHION_STD", "MNIST", "FASHION_MNIST",
    "DatasetNotFoundError", "DatasetChecksumError", "DatasetFormatError", "MiniFallbackWarning",
    "DatasetStatsWarning", "find_files", "DataFile", "DATASET_NAMES",
]
