"""Shared fixtures: where the real data is (and how its absence is handled), a private toy
course, and uids for the sandboxes the tests start."""
import os
import pwd
import shutil
from pathlib import Path

import pytest
from paths import TOY_COURSE

from autograder.grading.uidpool import processes_of

# Sandbox uids of the tests: outside the grader's own pool (30000-30999) and setup.sh's
# probe uid (20000). Each pytest process takes a block of its own, chosen by its pid, so
# two runs side by side (a CI job and a hostile twin) do not share a uid.
TEST_UIDS = range(21000, 30000)
UIDS_PER_PROCESS = 20


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


@pytest.fixture(scope="session")
def new_sandbox_uid():
    """``new_sandbox_uid(count=1)``: the first of ``count`` consecutive uids, for a kernel's
    sandbox or a private uid pool, that no user has, no process runs as and this pytest
    process has not handed out before; None when not root (the kernel then runs as the
    grader's user)."""
    start = TEST_UIDS.start + os.getpid() % (len(TEST_UIDS) // UIDS_PER_PROCESS) * UIDS_PER_PROCESS
    unused = iter(range(start, start + UIDS_PER_PROCESS))

    def new(count=1):
        if os.geteuid() != 0:
            return None
        run = []
        for uid in unused:
            run = [*run, uid] if _nobodys(uid) else []
            if len(run) == count:
                return run[0]
        pytest.fail(f"this pytest process has used up its {UIDS_PER_PROCESS} sandbox uids: raise UIDS_PER_PROCESS")

    return new


def _nobodys(uid):
    """No user has ``uid`` and no process runs as it."""
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return not processes_of(uid)
    return False
