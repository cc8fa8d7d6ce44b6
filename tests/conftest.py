"""Shared fixtures: where the real data is, and how its absence is handled."""
import os
import shutil
from pathlib import Path

import pytest
from paths import TOY_COURSE


def full_data_root():
    """``$HWLIB_DATA`` if it holds both datasets' folders, else None."""
    root = os.environ.get("HWLIB_DATA")
    if root and (Path(root) / "mnist").is_dir() and (Path(root) / "fashion-mnist").is_dir():
        return Path(root)
    return None


@pytest.fixture
def data_root():
    """The full-data root. In CI (CI=true) missing data is a failure, elsewhere a skip."""
    root = full_data_root()
    if root is None:
        msg = ("full MNIST/Fashion-MNIST not found: set HWLIB_DATA to a folder with "
               "mnist/ and fashion-mnist/ holding the four official .gz files each")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    return root


@pytest.fixture
def isolated_env(monkeypatch, tmp_path):
    """No HWLIB_DATA, an empty cache, no mirrors reachable: only what a test sets."""
    for var in ("HWLIB_DATA", "HWLIB_MIRRORS", "HWLIB_OFFLINE", "HWLIB_FALLBACK_MINI"):
        monkeypatch.delenv(var, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("HWLIB_CACHE", str(cache))
    return cache


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """A private copy of the toy course (tests/fixtures/toy_course), as COURSE_ROOT."""
    course = tmp_path / "course"
    shutil.copytree(TOY_COURSE, course)
    monkeypatch.setenv("COURSE_ROOT", str(course))
    return course
