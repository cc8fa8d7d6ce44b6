"""``setup.sh`` fails closed (issue 22.5): when the sandbox cannot be made safe, the image
build fails with the fix named, instead of grading students' kernels as root.

Each test unpacks a tiny stand-in of the zip (no data, no 7 GB install): an assignment
id, a ``lib/hwlib`` stub, one md5-checked data file, the hidden notebook, and the real
``setup.sh`` / ``run_autograder``, with ``AUTOGRADER_REUSE_VENV`` pointing at a small venv
of the system's Python. ``tests/test_gradescope.py`` runs the real install.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from paths import REPO_ROOT

SCRIPTS = REPO_ROOT / "autograder" / "gradescope"
SYSTEM_PYTHON = Path("/usr/bin/python3")
# the uid setup.sh checks the sandbox's access with (its UID_PROBE)
PROBE_UID = int(re.search(r"^UID_PROBE=(\d+)$", (SCRIPTS / "setup.sh").read_text(), re.M).group(1))
ASSIGNMENT = "hw_toy"

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None or not os.access(SYSTEM_PYTHON, os.X_OK),
    reason="needs root, setpriv and /usr/bin/python3 (setup.sh runs as root, as on Gradescope)")


def _others_can_run(path):
    path = Path(path).resolve()
    return all(p.stat().st_mode & 0o001 for p in [*path.parents, path])


@pytest.fixture
def base():
    # Not under pytest's basetemp (0700): the probe uid must be able to pass through.
    base = Path(tempfile.mkdtemp(prefix="gradescope-setup-test-", dir="/var/tmp"))
    base.chmod(0o711)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _unpack(base):
    """``$AUTOGRADER_ROOT`` with ``source/`` as Gradescope unpacks a zip (a stand-in)."""
    root = base / "autograder"
    src = root / "source"
    (src / "lib" / "hwlib").mkdir(parents=True)
    (src / "lib" / "hwlib" / "__init__.py").write_text("")
    (src / "assignment.txt").write_text(ASSIGNMENT + "\n")
    (src / "data").mkdir()
    blob = b"not really MNIST"
    (src / "data" / "train.gz").write_bytes(blob)
    (src / "data" / "MD5SUMS").write_text(f"{hashlib.md5(blob).hexdigest()}  train.gz\n")
    nb = src / "course" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb.parent.mkdir(parents=True)
    nb.write_text('{"cells": [{"source": ["### BEGIN HIDDEN TESTS\\n"]}]}')
    for script in ("setup.sh", "run_autograder"):
        shutil.copy(SCRIPTS / script, src / script)
        (src / script).chmod(0o755)
    return root


def _venv(folder, root):
    """A venv of the system's Python that imports hwlib from ``$AUTOGRADER_ROOT/lib``."""
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(folder)], check=True)
    purelib = subprocess.run([str(folder / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "hwlib_stub.pth").write_text(str(root / "lib") + "\n")
    return folder


def _setup(root, path_prefix=None, **env):
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_NO_APT": "1",
           **{k: str(v) for k, v in env.items()}}
    env.pop("COURSE_ROOT", None)
    if path_prefix:
        env["PATH"] = f"{path_prefix}:{env['PATH']}"
    return subprocess.run(["bash", str(root / "source" / "setup.sh")], cwd=root / "source", env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def runnable_python():
    if not _others_can_run(SYSTEM_PYTHON):
        pytest.skip(f"{SYSTEM_PYTHON} is not runnable by other users here")


def test_a_safe_setup_passes_both_checks(base, runnable_python):
    """The control: a venv every user can run, hidden tests locked away: exit 0."""
    root = _unpack(base)
    venv = _venv(base / "venv", root)
    proc = _setup(root, AUTOGRADER_REUSE_VENV=venv, AUTOGRADER_NO_BWRAP=1)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the sandbox uid can run the venv's Python and import hwlib" in proc.stdout
    assert f"the hidden tests are unreadable by uid {PROBE_UID}" in proc.stdout
    assert (root / "source").stat().st_mode & 0o777 == 0o700


def test_a_venv_the_sandbox_uid_cannot_run_fails_the_setup(base, runnable_python):
    root = _unpack(base)
    private = base / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    venv = _venv(private / "venv", root)
    proc = _setup(root, AUTOGRADER_REUSE_VENV=venv, AUTOGRADER_NO_BWRAP=1)   # as in Docker
    assert proc.returncode != 0, proc.stdout
    assert f"uid {PROBE_UID} (the sandbox's) cannot run {venv}/bin/python" in proc.stderr
    assert "the student's kernel would run as root" in proc.stderr
    assert "Fix: install the venv with a Python every user can run" in proc.stderr
    assert "AUTOGRADER_PYTHON" in proc.stderr
    assert "done" not in proc.stdout


def test_a_python_under_a_private_folder_fails_before_the_install(base, runnable_python):
    """Gradescope's path (no reuse): the Python for the venv is checked before installing."""
    root = _unpack(base)
    private = base / "private"
    private.mkdir()
    private.chmod(0o700)
    # this interpreter, reached through a private folder, like a Python under /root/.pyenv
    (private / "python3").symlink_to(Path(sys.executable).resolve())
    proc = _setup(root, AUTOGRADER_PYTHON=private / "python3", AUTOGRADER_NO_BWRAP=1)
    assert proc.returncode != 0, proc.stdout
    assert f"cannot run {private}/python3" in proc.stderr and "Fix:" in proc.stderr
    assert not (root / "venv").exists()                  # failed before the long install


def test_the_demo_venv_may_lean_on_bubblewrap(base, runnable_python):
    """``make demo`` reuses the course venv (its Python may live under /root): with
    bubblewrap working, setup.sh warns instead (run_autograder checks again)."""
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                            "--dev", "/dev", "--proc", "/proc", "true"], capture_output=True) \
        if shutil.which("bwrap") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("bubblewrap does not work here")
    root = _unpack(base)
    private = base / "private"
    private.mkdir()
    private.chmod(0o700)
    venv = _venv(private / "venv", root)
    proc = _setup(root, AUTOGRADER_REUSE_VENV=venv)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "demo only: a Gradescope image must not depend on it" in proc.stdout
    assert "the sandbox uid can run the venv's Python" not in proc.stdout


def test_hidden_tests_readable_by_the_sandbox_uid_fail_the_setup(base, runnable_python):
    """A file system that ignores permissions, simulated: a setpriv that keeps root."""
    root = _unpack(base)
    venv = _venv(base / "venv", root)
    fake = base / "fakebin"
    fake.mkdir()
    (fake / "setpriv").write_text('#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in --) shift; break;; '
                                  '-*) shift;; *) break;; esac; done\nexec "$@"\n')
    (fake / "setpriv").chmod(0o755)
    proc = _setup(root, path_prefix=fake, AUTOGRADER_REUSE_VENV=venv, AUTOGRADER_NO_BWRAP=1)
    assert proc.returncode != 0, proc.stdout
    assert f"the hidden tests are readable by uid {PROBE_UID}" in proc.stderr
    assert "Fix: unpack the zip onto the image's own file system" in proc.stderr


def test_setup_refuses_to_run_as_another_user(base):
    root = _unpack(base)
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o005)
    proc = subprocess.run(["setpriv", f"--reuid={PROBE_UID}", f"--regid={PROBE_UID}", "--clear-groups",
                           "bash", str(root / "source" / "setup.sh")],
                          env={**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_NO_APT": "1"},
                          cwd="/", capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "setup.sh must run as root" in proc.stderr


def test_no_setpriv_fails_the_setup(base, runnable_python):
    root = _unpack(base)
    venv = _venv(base / "venv", root)
    # a PATH with the basic tools but no setpriv
    tools = base / "tools"
    tools.mkdir()
    for tool in ("cat", "cp", "rm", "ln", "mkdir", "chmod", "chown", "find", "md5sum", "grep", "date",
                 "install", "id", "env", "tail", "tr", "cut", "ls", "head"):
        found = shutil.which(tool)
        if found:
            (tools / tool).symlink_to(found)
    proc = subprocess.run(["/bin/bash", str(root / "source" / "setup.sh")], cwd=root / "source",
                          env={"PATH": str(tools), "AUTOGRADER_ROOT": str(root), "AUTOGRADER_NO_APT": "1",
                               "AUTOGRADER_REUSE_VENV": str(venv)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0, proc.stdout
    assert "no setpriv" in proc.stderr and "install util-linux" in proc.stderr


def _fake_python(base, version, has_venv=True):
    """A ``python3`` that answers setup.sh's questions as a Python ``version`` would."""
    fake = base / "fakepy"
    fake.mkdir()
    major, minor = map(int, version.split("."))
    ok = "exit 0" if has_venv else "exit 1"
    fits = "exit 0" if (3, 10) <= (major, minor) <= (3, 12) else "exit 1"
    (fake / "python3").write_text(f'#!/bin/sh\ncase "$*" in\n  *ensurepip*) {ok};;\n'
                                  f'  *"%d.%d"*) echo {version};;\n  *sys.exit*) {fits};;\nesac\n')
    (fake / "python3").chmod(0o755)
    return fake


@pytest.mark.parametrize("version", ["3.9", "3.13"])
def test_a_python_the_locks_do_not_cover_fails_naming_the_images_that_work(base, version):
    root = _unpack(base)
    proc = _setup(root, path_prefix=_fake_python(base, version), AUTOGRADER_NO_BWRAP=1)
    assert proc.returncode != 0, proc.stdout
    assert f"is Python {version}; the course grades with 3.10, 3.11 or 3.12" in proc.stderr
    assert "Ubuntu 22.04 or 24.04" in proc.stderr and not (root / "venv").exists()


def test_a_python_without_venv_fails_naming_python3_venv(base):
    root = _unpack(base)
    proc = _setup(root, path_prefix=_fake_python(base, "3.11", has_venv=False), AUTOGRADER_NO_BWRAP=1)
    assert proc.returncode != 0, proc.stdout
    assert "cannot make a venv (no ensurepip): apt-get install python3-venv" in proc.stderr
