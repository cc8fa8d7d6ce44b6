"""The real MNIST / Fashion-MNIST files, loaded through every supported route."""
import numpy as np
import pytest

from hwlib.datasets import MiniFallbackWarning, load_fashion_mnist, load_mnist, mini_checksums, normalize

MNIST_TRAIN_HIST = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
MNIST_TEST_HIST = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def _check_arrays(train, test, n_train, n_test):
    (X, y), (Xt, yt) = train, test
    assert X.shape == (n_train, 28, 28) and Xt.shape == (n_test, 28, 28)
    assert X.dtype == np.uint8 and Xt.dtype == np.uint8
    assert y.shape == (n_train,) and yt.shape == (n_test,)
    assert y.dtype == np.int64 and yt.dtype == np.int64


def test_full_mnist_from_hwlib_data(data_root, isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    train, test = load_mnist(download=False)
    _check_arrays(train, test, 60000, 10000)
    assert np.bincount(train[1]).tolist() == MNIST_TRAIN_HIST
    assert np.bincount(test[1]).tolist() == MNIST_TEST_HIST
    assert (train[1][0], test[1][0]) == (5, 7)
    assert 0 < train[0].mean() < 255 and train[0].max() == 255


def test_full_fashion_mnist_from_hwlib_data(data_root, isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    train, test = load_fashion_mnist(download=False)
    _check_arrays(train, test, 60000, 10000)
    assert np.bincount(train[1]).tolist() == [6000] * 10
    assert np.bincount(test[1]).tolist() == [1000] * 10
    assert (train[1][0], test[1][0]) == (9, 9)


def test_data_dir_argument_and_decoded_cache(data_root, isolated_env):
    first = load_mnist(data_dir=data_root / "mnist", download=False)
    decoded = sorted(p.name for p in (isolated_env / "decoded").glob("*.npy"))
    assert len(decoded) == 4, "every file's decoded array is cached, keyed by its md5"
    second = load_mnist(data_dir=data_root / "mnist", download=False)
    for (a, b), (c, d) in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


def test_normalised_full_mnist_has_unit_statistics(data_root, isolated_env):
    (X, _), _ = load_mnist(data_dir=data_root / "mnist", download=False)
    Z = normalize(X)
    assert Z.dtype == np.float32
    assert abs(float(Z.mean())) < 0.01 and abs(float(Z.std()) - 1) < 0.01


@pytest.mark.parametrize("loader,name", [(load_mnist, "mnist"), (load_fashion_mnist, "fashion-mnist")])
def test_mini_subsets_are_real_balanced_and_checksummed(loader, name, isolated_env):
    train, test = loader(subset="mini")
    _check_arrays(train, test, 6000, 1000)
    assert np.bincount(train[1]).tolist() == [600] * 10
    assert np.bincount(test[1]).tolist() == [100] * 10
    assert set(mini_checksums()[name]) == {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}


def test_mini_subset_images_are_taken_from_the_full_set(data_root, isolated_env):
    (X, y), _ = load_mnist(data_dir=data_root / "mnist", download=False)
    (Xm, ym), _ = load_mnist(subset="mini")
    index = {X[i].tobytes(): y[i] for i in range(len(X))}
    hits = [index.get(Xm[i].tobytes()) for i in range(0, len(Xm), 97)]
    assert all(h is not None for h in hits), "every sampled mini image is a full-set image"
    assert hits == ym[::97].tolist()


def test_fallback_to_mini_warns_and_loads(isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    with pytest.warns(MiniFallbackWarning, match="mini subset"):
        (X, y), _ = load_mnist(fallback_to_mini=True)
    assert X.shape == (6000, 28, 28)


def test_an_unknown_subset_or_dataset_is_a_value_error():
    from hwlib.datasets import load_dataset
    with pytest.raises(ValueError, match="'full' or 'mini'"):
        load_mnist(subset="tiny")
    with pytest.raises(ValueError, match="unknown dataset"):
        load_dataset("cifar10")
