"""The Gradescope package (``python -m autograder gradescope``) and grade-one's failure modes.

The slow part installs the zip the way Gradescope does: unpack into ``$AUTOGRADER_ROOT/source``,
run ``setup.sh`` (a fresh venv from the pinned lock, from the local pip cache/find-links),
then run ``run_autograder`` on real hw1 submissions, with bubblewrap and without it, and
read ``results.json`` as Gradescope would.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from paths import REPO_ROOT
from test_gradescope_setup import PROBE_UID  # the sandbox itself takes uids from its pool
from test_results_schema import validate_results

from autograder import cells as C
from autograder import manifest
from autograder.course import CourseError
from autograder.gradescope.build import build
from autograder.gradescope.run import find_notebook
from autograder.validate import submission_for

HW1 = "hw1_numpy_backprop"
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


def _nb(kind, assignment=HW1):
    return C.read(REPO_ROOT / kind / assignment / f"{assignment}.ipynb")


def solution(assignment=HW1, zip_path=None, **answers):
    """The release notebook with every answer cell filled (the solution unless given).

    With ``zip_path``, from the notebooks inside that zip (the working tree may have
    moved on since it was built)."""
    if zip_path is None:
        return submission_for(_nb("source", assignment), _nb("release", assignment), answers)
    with zipfile.ZipFile(zip_path) as zf:
        src, rel = (nbformat.reads(zf.read(f"course/{kind}/{assignment}/{assignment}.ipynb").decode(),
                                   as_version=4) for kind in ("source", "release"))
    return submission_for(src, rel, answers)


def _timed_out(test):
    return "ran longer than" in test["output"]


def assert_gradescope_results(data):
    """``data`` has the fields and types of Gradescope's results.json (its documented
    keys only: tests/test_results_schema.py), each test shown after the due date."""
    validate_results(data)
    assert all(t["visibility"] == "after_due_date" for t in data["tests"])   # course.toml
    assert isinstance(data["score"], (int, float))
    assert isinstance(data["execution_time"], (int, float)) and data["execution_time"] >= 0
    assert data["stdout_visibility"] in VISIBILITY
    assert isinstance(data["output"], str) and data["output"]
    for t in data["tests"]:
        assert isinstance(t["name"], str) and t["name"]
        assert isinstance(t["score"], (int, float)) and isinstance(t["max_score"], (int, float))
        assert 0 <= t["score"] <= t["max_score"]
        assert t["status"] in ("passed", "failed")
        assert isinstance(t["output"], str)
        assert t["visibility"] in VISIBILITY
    if data["tests"]:
        assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))


# -- the zip ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hw1_zip(tmp_path_factory):
    from conftest import full_data_root

    if full_data_root() is None:     # as the data_root fixture: a failure in CI, else a skip
        msg = "full MNIST not found: set HWLIB_DATA (the zip bundles it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    return build(HW1, tmp_path_factory.mktemp("zip"), echo=lambda *_: None)


@pytest.mark.needs_data
def test_zip_holds_one_assignment_the_scripts_and_verified_data(hw1_zip, tmp_path):
    from hwlib.datasets._fetch import md5sum
    from hwlib.datasets._resources import MNIST

    with zipfile.ZipFile(hw1_zip) as zf:
        names = zf.namelist()
        modes = {i.filename: i.external_attr >> 16 for i in zf.infolist()}
        zf.extractall(tmp_path)
    for script in ("setup.sh", "run_autograder"):
        assert script in names and modes[script] & 0o111, f"{script} must be executable at the top"
    notebooks = sorted(n for n in names if n.endswith(".ipynb"))
    assert notebooks == [f"course/release/{HW1}/{HW1}.ipynb", f"course/source/{HW1}/{HW1}.ipynb"]
    assert not [n for n in names if "mutants/" in n or "__pycache__" in n]
    others = [a.name for a in (REPO_ROOT / "source").iterdir() if a.is_dir() and a.name != HW1]
    # (hwlib's student-facing mistake messages for every assignment ship, as in the wheel)
    assert not [n for n in names if not n.startswith("lib/hwlib/") and any(o in n for o in others)]
    assert {"lib/autograder/grading/runner.py", "lib/hwlib/testing.py", "course/course/course.toml",
            "course/requirements/lock.txt", "course/nbgrader_config.py"} <= set(names)
    data = sorted(n for n in names if n.startswith("data/") and n.endswith(".gz"))
    assert data == sorted(f"data/mnist/{r.filename}" for r in MNIST.files.values())  # no fashion-mnist
    for res in MNIST.files.values():
        assert md5sum(tmp_path / "data" / "mnist" / res.filename) == res.md5
    assert (tmp_path / "assignment.txt").read_text().strip() == HW1
    assert hw1_zip.stat().st_size < 50e6
    # what setup.sh installs: the runtime dependencies, no framework (hw1's stack is empty),
    # with a lock for each Python a stock image may have
    wanted = (tmp_path / "course" / "requirements" / "grading.txt").read_text()
    assert "numpy" in wanted and "ipykernel" in wanted
    assert not any(fw in wanted for fw in ("torch", "tensorflow", "keras", "jupyterlab", "pytest")), wanted
    assert {"course/requirements/lock-py3.10.txt", "course/requirements/lock-py3.12.txt"} <= set(names)
    # the README says what was measured and which Gradescope settings to choose
    readme = (tmp_path / "README.md").read_text()
    entry = manifest.load()[HW1]
    assert f"{entry.box_peak_mb:,} MB" in readme and "the default, 768 MB" in readme, readme
    assert "Frameworks installed: none" in readme


@pytest.mark.needs_data
def test_zip_is_deterministic_and_written_atomically(hw1_zip, tmp_path):
    again = build(HW1, tmp_path, echo=lambda *_: None)
    assert again.read_bytes() == hw1_zip.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [again.name]   # no temp file left


def test_build_without_the_data_says_how_to_provide_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(tmp_path / "nothing"))
    monkeypatch.setenv("HWLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    with pytest.raises(CourseError, match="HWLIB_DATA"):
        build(HW1, tmp_path / "out", echo=lambda *_: None)
    assert not (tmp_path / "out").exists()      # checked before anything is written


def test_build_refuses_an_unknown_assignment(tmp_path):
    with pytest.raises(CourseError, match="unknown assignment"):
        build("hw9_nothing", tmp_path, echo=lambda *_: None)


# -- which notebook is graded -------------------------------------------------------------
def _touch(path, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    os.utime(path, (mtime, mtime))


def test_find_notebook_prefers_the_expected_name_then_the_only_then_the_newest(tmp_path):
    _touch(tmp_path / "a" / "draft.ipynb", 2000)
    _touch(tmp_path / "deep" / "er" / f"{HW1}.ipynb", 1000)
    path, note = find_notebook(tmp_path, HW1)
    assert path.name == f"{HW1}.ipynb" and "expected name" in note and "draft.ipynb" in note

    other = tmp_path / "other"
    _touch(other / "mine.ipynb", 1000)
    _touch(other / ".ipynb_checkpoints" / "mine-checkpoint.ipynb", 3000)
    path, note = find_notebook(other, HW1)
    assert path.name == "mine.ipynb" and "only notebook" in note

    _touch(other / "v2.ipynb", 2000)
    path, note = find_notebook(other, HW1)
    assert path.name == "v2.ipynb" and "newest of 2" in note and "mine.ipynb" in note

    with pytest.raises(LookupError, match=f"submit {HW1}.ipynb"):
        find_notebook(tmp_path / "empty", HW1)


# -- the installed autograder -------------------------------------------------------------
# The operating system's own Python, found on a PATH with nothing else on it: Debian 12's
# 3.11.2 here (Gradescope's Ubuntu images: 3.10 or 3.12). setup.sh picks the lock for it.
STOCK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
STOCK_PYTHON = Path("/usr/bin/python3")


def _needs_root_and_bwrap():
    from autograder.grading.sandbox import bwrap_works

    problem = ("needs root: the sandbox runs each kernel under a uid of its own" if os.geteuid() != 0
               else None if bwrap_works() else "needs bubblewrap (apt-get install bubblewrap)")
    if problem and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(problem)
    if problem:
        pytest.skip(problem)


@pytest.fixture(scope="module")
def installed(hw1_zip):
    """``$AUTOGRADER_ROOT`` after Gradescope's steps: unpack, setup.sh (one cold install)."""
    _needs_root_and_bwrap()
    # Not under pytest's basetemp: every pytest session on the machine re-locks
    # /tmp/pytest-of-<user> to 0700, and the sandbox's uid must reach the venv.
    base = Path(tempfile.mkdtemp(prefix="gradescope-test-", dir="/var/tmp"))
    base.chmod(0o711)
    root = base / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(hw1_zip) as zf:
        zf.extractall(root / "source")
    for script in ("setup.sh", "run_autograder"):
        (root / "source" / script).chmod(0o755)
    if not STOCK_PYTHON.is_file():
        pytest.skip("no /usr/bin/python3: the operating system's Python is what setup.sh installs with")
    # nothing of the course's own Python: a clean PATH, as in a fresh Gradescope image
    env = {"PATH": STOCK_PATH, "HOME": "/root", "LANG": "C.UTF-8", "AUTOGRADER_ROOT": str(root),
           "AUTOGRADER_NO_APT": "1"}
    env.update({k: v for k, v in os.environ.items() if k.startswith(("PIP_", "HTTP", "HTTPS", "NO_PROXY"))})
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env, cwd=root / "source",
                          capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    print(f"setup.sh: {seconds:.0f} s (cold install)\n{proc.stdout[-3000:]}")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"creating {root}/venv with {STOCK_PYTHON}" in proc.stdout, proc.stdout
    (root / "submission").mkdir()
    try:
        yield root
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _as_probe_uid(*argv):
    return subprocess.run(["setpriv", f"--reuid={PROBE_UID}", f"--regid={PROBE_UID}",
                           "--clear-groups", *argv], capture_output=True, text=True)


@pytest.mark.slow
@pytest.mark.needs_data
def test_setup_locks_the_hidden_material_away_from_the_sandbox_uid(installed):
    source = installed / "source"
    for path in [source, *source.rglob("*")]:
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (0, 0), path
        top_script = path.parent == source and path.name in ("setup.sh", "run_autograder")
        want = 0o700 if path.is_dir() or top_script else 0o600
        assert st.st_mode & 0o777 == want, f"{path}: {oct(st.st_mode & 0o777)}"
    assert (installed / "results").stat().st_mode & 0o777 == 0o700
    hidden = source / "course" / "source" / HW1 / f"{HW1}.ipynb"
    for target in (hidden, source / "course" / "course" / "course.toml"):
        denied = _as_probe_uid("cat", str(target))
        assert denied.returncode != 0 and "Permission denied" in denied.stderr
    assert _as_probe_uid("ls", str(installed / "results")).returncode != 0
    # what the kernel needs stays readable: the venv's Python, hwlib, the data
    ok = _as_probe_uid(str(installed / "venv" / "bin" / "python"), "-c",
                       "import hwlib, numpy; print(open(%r, 'rb').read(2))"
                       % str(installed / "data" / "mnist" / "t10k-labels-idx1-ubyte.gz"))
    assert ok.returncode == 0, ok.stderr
    assert not (installed / "lib" / "autograder" / "mutants").exists()
    # hw1's stack is NumPy alone: its image holds no torch and no TensorFlow
    frameworks = subprocess.run([str(installed / "venv" / "bin" / "python"), "-c",
                                 "import importlib.util as u; print(u.find_spec('torch'), u.find_spec('tensorflow'))"],
                                capture_output=True, text=True)
    assert frameworks.stdout.split() == ["None", "None"], frameworks.stdout + frameworks.stderr


def run_autograder(root, notebook, name, no_bwrap):
    """Put ``notebook`` alone in the submission folder as ``name``; run; return results.json."""
    sub = root / "submission"
    shutil.rmtree(sub)
    sub.mkdir()
    nbformat.write(notebook, sub / name)
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_ROOT", "HWLIB_DATA")}
    env["AUTOGRADER_ROOT"] = str(root)
    if no_bwrap:
        env["AUTOGRADER_NO_BWRAP"] = "1"
    proc = subprocess.run([str(root / "run_autograder")], env=env, cwd=root, capture_output=True,
                          text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = json.loads((root / "results" / "results.json").read_text())
    assert_gradescope_results(data)
    return data, proc.stdout


def _isolation_checks(data, stdout, no_bwrap):
    iso = next(line for line in data["output"].splitlines() if line.startswith("Isolation: "))
    assert ("NO file-system/network isolation" in iso) == no_bwrap, iso
    assert "bubblewrap: no network" in iso or no_bwrap
    assert "uid " in iso and "no separate uid" not in iso, iso     # never root, even without bwrap
    assert "isolation: " in stdout


BWRAP_MODES = [pytest.param(False, id="bwrap"), pytest.param(True, id="no-bwrap")]
WRONG_SIGMOID_GRAD = "def sigmoid_grad(z):\n    return sigmoid(z)\n"


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("no_bwrap", BWRAP_MODES)
def test_solution_gets_full_marks(installed, hw1_zip, no_bwrap):
    data, stdout = run_autograder(installed, solution(zip_path=hw1_zip), f"{HW1}.ipynb", no_bwrap)
    assert data["score"] == data["extra_data"]["max_score"] > 0, data["output"]
    assert all(t["status"] == "passed" for t in data["tests"])
    _isolation_checks(data, stdout, no_bwrap)


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("no_bwrap", BWRAP_MODES)
def test_blank_release_gets_zero(installed, hw1_zip, no_bwrap):
    with zipfile.ZipFile(hw1_zip) as zf:
        blank = nbformat.reads(zf.read(f"course/release/{HW1}/{HW1}.ipynb").decode(), as_version=4)
    data, stdout = run_autograder(installed, blank, f"{HW1}.ipynb", no_bwrap)
    assert data["score"] == 0 and data["tests"]
    assert all(t["status"] == "failed" for t in data["tests"])
    _isolation_checks(data, stdout, no_bwrap)


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("no_bwrap", BWRAP_MODES)
def test_patching_numpy_testing_keeps_the_grade_of_the_wrong_answer(installed, hw1_zip, no_bwrap):
    from test_hostile import MONKEYPATCH

    patched, _ = run_autograder(installed, solution(zip_path=hw1_zip, sigmoid_grad=MONKEYPATCH
                                                    + WRONG_SIGMOID_GRAD), f"{HW1}.ipynb", no_bwrap)
    honest, _ = run_autograder(installed, solution(zip_path=hw1_zip, sigmoid_grad=WRONG_SIGMOID_GRAD),
                               f"{HW1}.ipynb", no_bwrap)
    # A test that ran out of time in either run (the training test, on a loaded machine)
    # says nothing about the patch: compare the others, test by test.
    skip = {t["name"] for t in patched["tests"] + honest["tests"] if _timed_out(t)}
    verdicts = {t["name"]: t["score"] for t in honest["tests"] if t["name"] not in skip}
    assert {t["name"]: t["score"] for t in patched["tests"] if t["name"] not in skip} == verdicts
    assert verdicts["test_sigmoid_grad"] == 0
    assert sum(verdicts.values()) < honest["extra_data"]["max_score"]


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("no_bwrap", BWRAP_MODES)
def test_a_notebook_under_another_name_is_found_and_named(installed, hw1_zip, no_bwrap):
    data, stdout = run_autograder(installed, solution(zip_path=hw1_zip), "My Homework (final).ipynb",
                                  no_bwrap)
    assert data["score"] == data["extra_data"]["max_score"] > 0
    first = data["output"].splitlines()[0]
    assert "My Homework (final).ipynb" in first and "only notebook" in first
    assert first in stdout


@pytest.mark.slow
@pytest.mark.needs_data
def test_an_empty_submission_still_gets_results_json(installed):
    shutil.rmtree(installed / "submission")
    (installed / "submission").mkdir()
    (installed / "submission" / "notes.txt").write_text("forgot the notebook")
    env = {**os.environ, "AUTOGRADER_ROOT": str(installed)}
    proc = subprocess.run([str(installed / "run_autograder")], env=env, capture_output=True, text=True)
    assert proc.returncode == 0
    data = json.loads((installed / "results" / "results.json").read_text())
    assert_gradescope_results(data)
    assert data["score"] == 0 and "no .ipynb" in data["output"] and "notes.txt" in data["output"]


# -- grade-one always writes results.json ---------------------------------------------------
def _grade_one_cli(notebook, assignment, out, **env):
    full_env = {**os.environ, **env}
    full_env.pop("HWLIB_SUBSET", None)
    return subprocess.run([sys.executable, "-m", "autograder", "grade-one", str(notebook),
                           "--assignment", assignment, "--out", str(out)],
                          env=full_env, capture_output=True, text=True, timeout=600)


def _failure(out_dir):
    data = json.loads((out_dir / "results.json").read_text())
    assert_gradescope_results(data)
    assert data["score"] == 0 and data["tests"] == []
    reason = data["output"].splitlines()[0]
    assert reason.startswith("Not graded: ")
    return reason


def test_grade_one_without_the_data_writes_results_json_and_exits_4(tmp_path):
    nb = tmp_path / "blank.ipynb"
    nbformat.write(_nb("release"), nb)
    proc = _grade_one_cli(nb, HW1, tmp_path / "out", HWLIB_DATA=str(tmp_path / "none"),
                          HWLIB_CACHE=str(tmp_path / "cache"), HWLIB_OFFLINE="1")
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "datasets" in _failure(tmp_path / "out")
    assert "HWLIB_DATA" in proc.stdout      # the instructor's side: how to provide the data


@pytest.mark.needs_data
def test_grade_one_with_a_broken_install_writes_results_json_and_exits_3(tmp_path, data_root):
    fake = tmp_path / "broken" / "torch"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ImportError('libtorch_cpu.so: cannot open shared object file')\n")
    nb = tmp_path / "hw3.ipynb"
    nbformat.write(_nb("release", "hw3_pytorch_mlp"), nb)
    proc = _grade_one_cli(nb, "hw3_pytorch_mlp", tmp_path / "out", HWLIB_DATA=str(data_root),
                          PYTHONPATH=str(tmp_path / "broken"))
    assert proc.returncode == 3, proc.stdout + proc.stderr
    reason = _failure(tmp_path / "out")
    assert "grading environment is broken" in reason and "libtorch_cpu.so" in reason


@pytest.mark.needs_data
def test_grade_one_when_the_kernel_cannot_start_writes_results_json_and_exits_3(
        tmp_path, monkeypatch, data_root):
    from autograder.grade_one import grade_one
    from autograder.grading import sandbox

    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    monkeypatch.setenv("HWLIB_SUBSET", "full")          # grade_one exports it; restored after
    # as bubblewrap fails under Docker's seccomp: the sandbox command exits at once
    monkeypatch.setattr(sandbox.Sandbox, "wrap", lambda self, argv: [
        "sh", "-c", "echo 'bwrap: Creating new namespace failed: Operation not permitted' >&2; exit 1"])
    nb = tmp_path / "solution.ipynb"
    nbformat.write(solution(), nb)
    lines = []
    code = grade_one(str(nb), HW1, out_dir=tmp_path, echo=lines.append)
    assert code == 3, "\n".join(lines)
    reason = _failure(tmp_path)
    assert "kernel" in reason and "not a problem with your notebook" in reason


# -- run_autograder fails closed: no student code as root -----------------------------------
def _fake_root(base):
    """An ``$AUTOGRADER_ROOT`` without setup.sh: this repository as the course, the blank
    release as the submission (nothing may be graded: no data is needed)."""
    root = base / "autograder"
    (root / "source").mkdir(parents=True)
    (root / "source" / "assignment.txt").write_text(f"{HW1}\n")
    (root / "source" / "course").symlink_to(REPO_ROOT)
    (root / "submission").mkdir()
    nbformat.write(_nb("release"), root / "submission" / f"{HW1}.ipynb")
    return root


def _refused(root):
    data = json.loads((root / "results" / "results.json").read_text())
    assert_gradescope_results(data)
    assert data["score"] == 0 and data["tests"] == [] and data["extra_data"]["max_score"] > 0
    lines = data["output"].splitlines()
    assert lines[0] == f"Graded {HW1}.ipynb."
    assert lines[1].startswith("Not graded: the grading image cannot run student code as an "
                               "unprivileged user: the kernel would run as the grader's own user")
    assert ("rebuild the autograder image" if os.geteuid() == 0 else "as root") in lines[1]
    return data


def test_run_refuses_to_grade_when_the_kernel_would_run_as_the_graders_user(tmp_path, monkeypatch, capsys):
    """As in a Docker image whose venv Python only root can run and without bubblewrap: the
    sandbox would keep root for the kernel (sandbox.default_sandbox); run.py grades nothing."""
    from autograder.gradescope import run
    from autograder.grading import sandbox

    root = _fake_root(tmp_path)
    for var in ("COURSE_ROOT", "HWLIB_DATA", "HWLIB_OFFLINE"):     # main() sets them: restored after
        monkeypatch.setenv(var, os.environ.get(var, ""))
    monkeypatch.setenv("AUTOGRADER_ROOT", str(root))
    monkeypatch.setenv("AUTOGRADER_NO_BWRAP", "1")
    monkeypatch.setattr(sandbox, "_others_can_run", lambda executable: False)
    graded = []
    monkeypatch.setattr(run, "grade_one", lambda *a, **k: graded.append(a) or 0)
    (root / "results").mkdir()
    sandbox.bwrap_works.cache_clear()
    try:
        code = run.main()
    finally:
        sandbox.bwrap_works.cache_clear()
    assert code == 3 and graded == []
    _refused(root)
    out = capsys.readouterr().out
    assert "REFUSED: the kernel would run as the grader's own user" in out


def test_run_autograder_with_a_python_the_sandbox_uid_cannot_run_refuses_and_logs_it(tmp_path):
    """The real script with this venv as the image's: its Python lives under a private
    folder (pyenv under /root), so without bubblewrap no uid of the pool could run it."""
    from autograder.grading.sandbox import _others_can_run

    if os.geteuid() == 0 and _others_can_run(Path(sys.executable)):
        pytest.skip("this Python can be run by every user (the in-process test covers the refusal)")
    root = _fake_root(tmp_path)
    (root / "venv").symlink_to(sys.prefix)
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_ROOT", "HWLIB_DATA")}
    env.update(AUTOGRADER_ROOT=str(root), AUTOGRADER_NO_BWRAP="1")
    start = time.perf_counter()
    proc = subprocess.run(["bash", str(REPO_ROOT / "autograder" / "gradescope" / "run_autograder")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr      # Gradescope reads results.json
    assert "REFUSED: " in proc.stdout and "exited with status 3" in proc.stdout, proc.stdout
    _refused(root)
    assert time.perf_counter() - start < 120      # nothing was graded


def test_the_sandbox_probe_passes_here_and_catches_readable_hidden_tests(tmp_path):
    """Where the kernel gets a uid of its own (root, with bubblewrap or a Python every user
    can run), the probe starts Python through the sandbox: it passes for the real hidden
    notebook, and fails for a hidden file that uid can read."""
    from autograder.config import GradingConfig
    from autograder.gradescope.run import unprivileged_problem
    from autograder.grading.sandbox import _others_can_run, bwrap_works

    if os.geteuid() != 0 or not (bwrap_works() or _others_can_run(Path(sys.executable))):
        pytest.skip("needs root and bubblewrap (or a Python every user can run)")
    base = Path(tempfile.mkdtemp(prefix="probe-test-", dir="/var/tmp"))
    try:
        base.chmod(0o711)
        grading_root = base / "grading"
        grading_root.mkdir(mode=0o711)
        config = GradingConfig.from_env().with_(course_root=REPO_ROOT)
        assert unprivileged_problem(HW1, config, grading_root) == ""
        readable = base / "open" / f"{HW1}.ipynb"
        readable.parent.mkdir(mode=0o755)
        readable.write_text("{}")
        readable.chmod(0o644)
        problem = unprivileged_problem(HW1, config, grading_root, hidden=readable)
        assert "can read the hidden tests" in problem and str(readable) in problem
        assert list(grading_root.iterdir()) == []       # the probe's folder is gone
    finally:
        shutil.rmtree(base, ignore_errors=True)
