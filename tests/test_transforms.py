"""Split, normalise, flatten, one-hot, and the torch / tf.data adapters."""
import os
import subprocess
import sys

import numpy as np
import pytest

from hwlib.datasets import (
    FASHION_MEAN,
    FASHION_STD,
    MNIST_MEAN,
    MNIST_STD,
    flatten,
    normalize,
    one_hot,
    train_val_split,
)


@pytest.fixture
def data():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 256, (200, 28, 28), dtype=np.uint8)
    y = np.repeat(np.arange(10), 20)
    return X, y


def test_split_sizes_disjoint_and_seeded(data):
    X, y = data
    (Xa, ya), (Xv, yv) = train_val_split(X, y, val_size=0.25, seed=3)
    assert len(Xa) == 150 and len(Xv) == 50
    rows = {x.tobytes() for x in Xa}
    assert not rows & {x.tobytes() for x in Xv}, "train and validation overlap"
    (Xb, _), (Xw, _) = train_val_split(X, y, val_size=0.25, seed=3)
    np.testing.assert_array_equal(Xv, Xw)
    (_, _), (Xo, _) = train_val_split(X, y, val_size=0.25, seed=4)
    assert not np.array_equal(Xv, Xo)


def test_split_count_and_stratify(data):
    X, y = data
    (_, ya), (_, yv) = train_val_split(X, y, val_size=40, seed=0, stratify=True)
    assert np.bincount(yv).tolist() == [4] * 10 and np.bincount(ya).tolist() == [16] * 10


@pytest.mark.parametrize("bad", [0, 200, 1.0, 0.0])
def test_split_rejects_bad_sizes(data, bad):
    with pytest.raises(ValueError, match="val_size"):
        train_val_split(*data, val_size=bad)


def test_split_rejects_mismatched_lengths(data):
    with pytest.raises(ValueError, match="must match"):
        train_val_split(data[0], data[1][:-1])


def test_normalize_constants_and_errors():
    assert (MNIST_MEAN, MNIST_STD) == (0.1307, 0.3081)
    assert (FASHION_MEAN, FASHION_STD) == (0.2860, 0.3530)
    X = np.array([[0, 255]], np.uint8)
    Z = normalize(X)
    assert Z.dtype == np.float32
    np.testing.assert_allclose(Z, [[-MNIST_MEAN / MNIST_STD, (1 - MNIST_MEAN) / MNIST_STD]], rtol=1e-6)
    np.testing.assert_allclose(normalize(X, 0, 1), [[0, 1]])
    with pytest.raises(TypeError, match="normalised already"):
        normalize(Z)


def test_flatten_and_one_hot():
    X = np.zeros((3, 28, 28))
    assert flatten(X).shape == (3, 784)
    with pytest.raises(ValueError):
        flatten(np.zeros(5))
    np.testing.assert_array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match=r"\[0, 2\]"):
        one_hot(np.array([3]), 3)
    with pytest.raises(ValueError, match="integer"):
        one_hot(np.array([0.5]))


def test_torch_adapters(data):
    import torch

    from hwlib.datasets import to_torch_dataset, to_torch_loader

    X, y = data   # random pixels, not MNIST: their own mean and std (uniform on 0..255)
    stats = dict(mean=0.5, std=0.29)
    ds = to_torch_dataset(X, y, **stats)
    img, label = ds[0]
    assert img.shape == (1, 28, 28) and img.dtype == torch.float32 and label.dtype == torch.int64
    assert to_torch_dataset(flatten(X), y, channels=False, **stats)[0][0].shape == (784,)
    batches = [yb for _, yb in to_torch_loader(X, y, batch_size=64, seed=1, **stats)]
    assert [len(b) for b in batches] == [64, 64, 64, 8]
    again = [yb for _, yb in to_torch_loader(X, y, batch_size=64, seed=1, **stats)]
    assert all(torch.equal(a, b) for a, b in zip(batches, again, strict=True)), "seeded shuffling"
    assert sorted(torch.cat(batches).tolist()) == sorted(y.tolist())


@pytest.fixture(scope="module")
def mini():
    """The shipped real subsets (6,000 training images each): MNIST and Fashion-MNIST pixels."""
    from hwlib.datasets import load_fashion_mnist, load_mnist

    (mnist, digits), _ = load_mnist(subset="mini")
    return mnist, load_fashion_mnist(subset="mini")[0][0], digits


def test_normalize_warns_when_mnist_stats_meet_fashion_mnist(mini):
    import warnings

    from hwlib.datasets import DatasetStatsWarning

    mnist, fashion, digits = mini
    with pytest.warns(DatasetStatsWarning, match=r"FASHION_MEAN, std=FASHION_STD") as caught:
        Z = normalize(fashion)                      # the MNIST default on Fashion-MNIST
    assert "like Fashion-MNIST's 0.286" in str(caught[0].message) and caught[0].filename == __file__
    expected = (fashion.mean() / 255 - MNIST_MEAN) / MNIST_STD     # about 0.51, not 0
    assert abs(float(Z.mean()) - expected) < 1e-4, "still computed, with MNIST's statistics as asked"
    with pytest.warns(DatasetStatsWarning):
        normalize(fashion, MNIST_MEAN, MNIST_STD)   # MNIST's statistics passed explicitly: same
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Zf = normalize(fashion, FASHION_MEAN, FASHION_STD)
        Zm = normalize(mnist)                       # MNIST callers: no warning, unchanged numbers
        normalize(mnist[:1000].reshape(1000, -1))   # flattened rows are checked the same way
        normalize(fashion[:99])                     # too few images to judge a dataset by
        normalize(fashion, 0, 1)
    assert abs(float(Zf.mean())) < 0.03 and abs(float(Zf.std()) - 1) < 0.03
    assert abs(float(Zm.mean())) < 0.03 and abs(float(Zm.std()) - 1) < 0.03
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        normalize(mnist[digits == 1])               # MNIST's faintest class alone is still MNIST
        normalize(mnist[digits == 0])               # and its boldest


def test_torch_loader_tells_a_fashion_mnist_user(mini):
    from hwlib.datasets import DatasetStatsWarning, to_torch_loader

    _, fashion, _ = mini
    y = np.zeros(len(fashion), np.int64)
    with pytest.warns(DatasetStatsWarning, match="MNIST's mean and std"):
        to_torch_loader(fashion, y, batch_size=256)
    xb, _ = next(iter(to_torch_loader(fashion, y, batch_size=6000, shuffle=False,
                                      mean=FASHION_MEAN, std=FASHION_STD)))
    assert abs(float(xb.mean())) < 0.03 and abs(float(xb.std()) - 1) < 0.03


def test_tf_adapter_in_a_fresh_process():
    # TensorFlow is heavy: exercise it in its own interpreter.
    code = (
        "import numpy as np\n"
        "from hwlib.datasets import to_tf_dataset\n"
        "X = np.zeros((10, 28, 28), np.uint8); y = np.arange(10)\n"
        "b = [(xb.shape, xb.dtype.name, yb.dtype.name) for xb, yb in to_tf_dataset(X, y, batch_size=4)]\n"
        "print(b)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "[(TensorShape([4, 28, 28]), 'float32', 'int64')" in proc.stdout
