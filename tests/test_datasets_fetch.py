"""Finding, verifying and downloading dataset files, on small synthetic IDX files.

A fake dataset spec with real md5s of synthetic files lets every path run without the
real data: lookup order, corrupt and truncated files, wrong magic, offline errors, and
downloads from a local HTTP server (fake mirrors) and file:// URLs.
"""
import gzip
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading

import numpy as np
import pytest

from hwlib.datasets import DatasetChecksumError, DatasetFormatError, DatasetNotFoundError
from hwlib.datasets._fetch import locate, search_dirs
from hwlib.datasets._resources import DatasetSpec, Resource
from hwlib.datasets.build_mini import write_idx_gz
from hwlib.datasets.loaders import _arrays

NAMES = {("train", "images"): "train-images-idx3-ubyte.gz",
         ("train", "labels"): "train-labels-idx1-ubyte.gz",
         ("test", "images"): "t10k-images-idx3-ubyte.gz",
         ("test", "labels"): "t10k-labels-idx1-ubyte.gz"}


@pytest.fixture
def fake(tmp_path):
    """Four synthetic IDX files in tmp/origin/ and a DatasetSpec with their md5s."""
    rng = np.random.default_rng(0)
    origin = tmp_path / "origin"
    origin.mkdir()
    arrays = {("train", "images"): rng.integers(0, 256, (12, 28, 28), dtype=np.uint8),
              ("train", "labels"): rng.integers(0, 10, 12),
              ("test", "images"): rng.integers(0, 256, (5, 28, 28), dtype=np.uint8),
              ("test", "labels"): rng.integers(0, 10, 5)}
    files = {}
    for key, arr in arrays.items():
        write_idx_gz(origin / NAMES[key], arr, key[1])
        files[key] = Resource(NAMES[key], hashlib.md5((origin / NAMES[key]).read_bytes()).hexdigest())
    spec = DatasetSpec("fake", "fake", files, mirrors=(), mean=0.5, std=0.25, license="test data")
    return spec, origin, arrays


def _copy(origin, dest):
    dest.mkdir(parents=True, exist_ok=True)
    for name in NAMES.values():
        shutil.copy(origin / name, dest / name)
    return dest


def test_lookup_order_data_dir_then_env_then_cache(fake, tmp_path, isolated_env, monkeypatch):
    spec, origin, _ = fake
    explicit = _copy(origin, tmp_path / "explicit")
    env_root = tmp_path / "env"
    _copy(origin, env_root / "fake")
    _copy(origin, isolated_env / "fake")
    monkeypatch.setenv("HWLIB_DATA", str(env_root))
    assert set(locate(spec, explicit).values()) == {explicit / n for n in NAMES.values()}
    assert set(locate(spec).values()) == {env_root / "fake" / n for n in NAMES.values()}
    monkeypatch.delenv("HWLIB_DATA")
    assert set(locate(spec).values()) == {isolated_env / "fake" / n for n in NAMES.values()}
    hows = [how for how, _ in search_dirs("fake", explicit)]
    assert hows == ["data_dir argument", "user cache"]


def test_arrays_round_trip(fake, tmp_path, isolated_env):
    spec, origin, arrays = fake
    (X, y), (Xt, yt) = _arrays(spec, locate(spec, origin), None)
    np.testing.assert_array_equal(X, arrays[("train", "images")])
    np.testing.assert_array_equal(yt, arrays[("test", "labels")])
    assert y.dtype == np.int64 and X.dtype == np.uint8


def test_corrupt_file_names_file_and_both_md5s(fake, tmp_path, isolated_env):
    spec, origin, _ = fake
    bad = _copy(origin, tmp_path / "bad")
    target = bad / NAMES[("train", "images")]
    target.write_bytes(target.read_bytes()[:-40])  # truncated
    with pytest.raises(DatasetChecksumError) as info:
        locate(spec, bad)
    msg = str(info.value)
    assert str(target) in msg and spec.files[("train", "images")].md5 in msg
    assert hashlib.md5(target.read_bytes()).hexdigest() in msg


def test_truncated_gzip_and_wrong_magic_give_format_errors(tmp_path):
    from hwlib.datasets._idx import read_idx_gz
    path = tmp_path / "x.gz"
    write_idx_gz(path, np.zeros((3, 28, 28), np.uint8), "images")
    path.write_bytes(path.read_bytes()[:30])
    with pytest.raises(DatasetFormatError, match="x.gz: not a readable gzip file"):
        read_idx_gz(path, "images")
    write_idx_gz(path, np.zeros(3, np.uint8), "labels")
    with pytest.raises(DatasetFormatError, match="magic number is 2049, expected 2051"):
        read_idx_gz(path, "images")
    with gzip.open(path, "wb") as fh:  # right magic, wrong size
        fh.write((2051).to_bytes(4, "big") + (3).to_bytes(4, "big") + (28).to_bytes(4, "big") * 2 + b"\0" * 10)
    with pytest.raises(DatasetFormatError, match="truncated or padded"):
        read_idx_gz(path, "images")


def test_missing_offline_lists_every_place_searched(fake, tmp_path, isolated_env, monkeypatch):
    spec, _, _ = fake
    monkeypatch.setenv("HWLIB_DATA", str(tmp_path / "nowhere"))
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    with pytest.raises(DatasetNotFoundError) as info:
        locate(spec, tmp_path / "given")
    msg = str(info.value)
    for place in (tmp_path / "given", tmp_path / "nowhere" / "fake", isolated_env / "fake"):
        assert str(place) in msg
    assert "HWLIB_OFFLINE=1" in msg and "set HWLIB_DATA" in msg and "subset='mini'" in msg


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_root(tmp_path):
    """A local HTTP server on 127.0.0.1 serving tmp/www/ (bounded: stopped after the test)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = lambda *a, **k: _Handler(*a, directory=str(www), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_falls_back_across_mirrors_and_verifies(fake, http_root, isolated_env, monkeypatch):
    spec, origin, arrays = fake
    www, url = http_root
    _copy(origin, www / "good")
    wrong = _copy(origin, www / "wrong")  # serves files with the wrong content
    for name in NAMES.values():
        (wrong / name).write_bytes(b"not the file")
    monkeypatch.setenv("HWLIB_MIRRORS", f"{url}/missing/ {url}/wrong/ {url}/good/")
    paths = locate(spec)
    assert set(paths.values()) == {isolated_env / "fake" / n for n in NAMES.values()}
    (X, _), _ = _arrays(spec, paths, None)
    np.testing.assert_array_equal(X, arrays[("train", "images")])
    assert not list((isolated_env / "fake").glob("*.part")), "no partial files are left"


def test_download_from_file_url(fake, isolated_env, monkeypatch):
    spec, origin, _ = fake
    monkeypatch.setenv("HWLIB_MIRRORS", origin.as_uri() + "/")
    assert len(locate(spec)) == 4


def test_failed_download_leaves_nothing_and_says_why(fake, http_root, isolated_env, monkeypatch):
    spec, origin, _ = fake
    www, url = http_root
    part = _copy(origin, www / "partial")
    for name in NAMES.values():  # a download cut short: fewer bytes than the real file
        data = (origin / name).read_bytes()
        (part / name).write_bytes(data[: len(data) // 2])
    monkeypatch.setenv("HWLIB_MIRRORS", f"{url}/partial/")
    with pytest.raises(DatasetNotFoundError) as info:
        locate(spec)
    assert "Download failed" in str(info.value) and "md5" in str(info.value)
    leftovers = list((isolated_env / "fake").iterdir()) if (isolated_env / "fake").exists() else []
    assert leftovers == [], f"an interrupted download must leave no file: {leftovers}"


def test_download_false_is_respected(fake, isolated_env, monkeypatch, tmp_path):
    spec, origin, _ = fake
    monkeypatch.setenv("HWLIB_MIRRORS", origin.as_uri() + "/")
    with pytest.raises(DatasetNotFoundError, match="download=False"):
        locate(spec, download_ok=False)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) for a network-less namespace")
def test_real_mirrors_without_network_give_the_clear_error(tmp_path):
    """With the network really disabled (a new network namespace), the real mirrors fail."""
    code = ("from hwlib.datasets import load_mnist, DatasetNotFoundError\n"
            "try:\n    load_mnist(timeout=5)\nexcept DatasetNotFoundError as e:\n    print(e)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HWLIB_")}
    env["HWLIB_CACHE"] = str(tmp_path / "cache")
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -rn not permitted here: {probe.stderr.decode().strip()}")
    proc = subprocess.run(["unshare", "-rn", sys.executable, "-c", code], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "mnist: cannot find" in out and "Download failed" in out
    assert "ossci-datasets" in out and str(tmp_path / "cache" / "mnist") in out
    assert "Traceback" not in out


def test_n_train_and_n_test_keep_only_the_first_images(tmp_path):
    from hwlib.datasets import load_mnist

    (X, y), (Xt, yt) = load_mnist(subset="mini", cache_dir=tmp_path)
    (x, yy), (xt, yyt) = load_mnist(subset="mini", cache_dir=tmp_path, n_train=100, n_test=10)
    assert x.shape == (100, 28, 28) and xt.shape == (10, 28, 28) and yy.shape == (100,)
    assert np.array_equal(x, X[:100]) and np.array_equal(yyt, yt[:10])
    assert x.base is None or x.base.nbytes == x.nbytes      # a copy, not a view of all 6,000
    (x2, _), _ = load_mnist(subset="mini", cache_dir=tmp_path, n_train=100)   # from the .npy cache
    assert np.array_equal(x2, X[:100]) and not isinstance(x2, np.memmap)
    with pytest.raises(ValueError, match="positive integers or None"):
        load_mnist(subset="mini", cache_dir=tmp_path, n_train=0)
