"""Split, normalise, flatten, one-hot, and the torch / tf.data adapters."""
import subprocess
import sys

import numpy as np
import pytest

from hwlib.datasets import (FASHION_MEAN, FASHION_STD, MNIST_MEAN, MNIST_STD, flatten,
                            normalize, one_hot, train_val_split)


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

    X, y = data
    ds = to_torch_dataset(X, y)
    img, label = ds[0]
    assert img.shape == (1, 28, 28) and img.dtype == torch.float32 and label.dtype == torch.int64
    assert to_torch_dataset(flatten(X), y, channels=False)[0][0].shape == (784,)
    batches = [yb for _, yb in to_torch_loader(X, y, batch_size=64, seed=1)]
    assert [len(b) for b in batches] == [64, 64, 64, 8]
    again = [yb for _, yb in to_torch_loader(X, y, batch_size=64, seed=1)]
    assert all(torch.equal(a, b) for a, b in zip(batches, again)), "seeded shuffling"
    assert sorted(torch.cat(batches).tolist()) == sorted(y.tolist())


def test_tf_adapter_in_a_fresh_process():
    # TensorFlow is heavy: exercise it in its own interpreter.
    code = (
        "import numpy as np\n"
        "from hwlib.datasets import to_tf_dataset\n"
        "X = np.zeros((10, 28, 28), np.uint8); y = np.arange(10)\n"
        "b = [(xb.shape, xb.dtype.name, yb.dtype.name) for xb, yb in to_tf_dataset(X, y, batch_size=4)]\n"
        "print(b)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "[(TensorShape([4, 28, 28]), 'float32', 'int64')" in proc.stdout
