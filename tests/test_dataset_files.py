"""hwlib.datasets.find_files: the public way to the verified official files (the grader's
data check and the Gradescope builder use it instead of hwlib's private modules)."""
import shutil

import pytest

from hwlib.datasets import DATASET_NAMES, MNIST, DatasetChecksumError, DatasetNotFoundError, find_files
from hwlib.datasets.loaders import MINI_DIR


@pytest.mark.needs_data
@pytest.mark.parametrize("name", DATASET_NAMES)
def test_the_four_files_of_each_dataset_verified(data_root, isolated_env, name):
    files = find_files(name, data_root, download=False)
    assert len(files) == 4 and len({f.relpath for f in files}) == 4
    for f in files:
        assert f.path == data_root / f.relpath and f.relpath.startswith(f"{name}/")
        assert len(f.md5) == 32


def test_unknown_names_missing_files_and_corrupt_files_say_so(tmp_path, isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    with pytest.raises(ValueError, match="unknown dataset 'cifar'; known: mnist, fashion-mnist"):
        find_files("cifar")
    with pytest.raises(DatasetNotFoundError, match="t10k-images-idx3-ubyte.gz"):
        find_files("mnist", tmp_path)
    mini = tmp_path / "mnist"
    shutil.copytree(MINI_DIR / "mnist", mini)
    assert {res.filename for res in MNIST.files.values()} <= {p.name for p in mini.iterdir()}
    with pytest.raises(DatasetChecksumError):   # right names, other bytes: never taken for the real files
        find_files("mnist", tmp_path)
