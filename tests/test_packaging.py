"""What leaves the repository as a package (issue 22.7).

The sdist (``python -m build --sdist``, as an instructor publishing the course would run
it) holds the code only: never a notebook, ``source/`` (hidden tests), ``release/``,
``tests/``, a benchmark module (``benchmarks/``) or a file of the mutant bank
(``course/mutants/``), wherever it would sit. The wheel built from that sdist is checked the
same way (``tests/test_check.py`` checks the wheel built from the repository).
Dev tools (pytest, playwright, ruff, ...) are an extra, not runtime dependencies.
"""
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import PurePosixPath

import pytest
from packaging.requirements import Requirement
from paths import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
# A hidden-test block as it appears in a notebook cell (raw or JSON-escaped); the grader's
# own code names the delimiter only inside a string (autograder/hidden_markers.py).
HIDDEN_BLOCK = re.compile(rb'(^|"|\\n)[ \t]*#+[ \t]*BEGIN HIDDEN TESTS', re.M)
# a mutant / valid-alternative file's header line (autograder/README.md), in any .py file
VARIANT = re.compile(rb"^# kind: (mutant|valid)[ \t]*$", re.M)
# the benchmark suite's modules, by the names the two packages do not use themselves
BENCHMARKS = ({p.name for p in (REPO_ROOT / "benchmarks").glob("*.py")}
              - {p.name for d in ("autograder", "hwlib") for p in (REPO_ROOT / d).rglob("*.py")})
DEV_ONLY = {"pytest", "playwright", "ruff", "pyyaml", "build"}


def _name(requirement):
    return re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0).lower().replace("_", "-")


def _leaks(members):
    """``members``: (path inside the package, bytes). What should not be there."""
    found = []
    for path, data in members:
        parts = PurePosixPath(path).parts
        if path.endswith(".ipynb"):
            found.append(f"{path}: a notebook")
        if parts and parts[0] in ("source", "release", "tests", "course", "benchmarks"):
            found.append(f"{path}: course material")
        if "mutants" in parts[:-1] or (path.endswith(".py") and VARIANT.search(data)):
            found.append(f"{path}: the mutant bank")
        if "bench" in parts[:-1] or (parts and parts[-1] in BENCHMARKS):
            found.append(f"{path}: a benchmark module")
        if HIDDEN_BLOCK.search(data):
            found.append(f"{path}: a hidden-test block")
    return found


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdist")
    proc = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(REPO_ROOT)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (path,) = out.glob("dl_course-*.tar.gz")
    return path


def test_sdist_holds_the_code_and_nothing_hidden(sdist):
    with tarfile.open(sdist) as tf:
        members = [(m.name.split("/", 1)[1], tf.extractfile(m).read())
                   for m in tf.getmembers() if m.isfile()]
    names = {path for path, _ in members}
    assert not _leaks(members), _leaks(members)
    tops = {PurePosixPath(n).parts[0] for n in names}
    assert tops <= {"hwlib", "autograder", "README.md", "pyproject.toml", "PKG-INFO", ".gitignore", "LICENSE"}
    # ... and what a wheel built from it needs (the force-included import-order hook)
    for need in ("hwlib/__init__.py", "autograder/__main__.py", "pyproject.toml", "README.md",
                 "hwlib/_import_order/course_import_order.pth", "hwlib/_import_order/_course_import_order.py"):
        assert need in names, need


def test_wheel_built_from_the_sdist_is_clean_too(sdist, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(sdist)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (wheel,) = tmp_path.glob("dl_course-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist() if not n.endswith("/")]
        metadata = next(zf.read(n).decode() for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
    assert not _leaks(members), _leaks(members)
    assert "course_import_order.pth" in {n for n, _ in members}
    # dev tools only behind the extra
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    for req in requires:
        if _name(req) in DEV_ONLY:   # behind an extra (dev, or the hub's own yaml reader)
            assert "extra == " in req, req


def test_the_leak_patterns_find_a_mutant_and_a_benchmark_and_spare_the_grader():
    bank = sorted((REPO_ROOT / "course" / "mutants").rglob("*.py"))
    assert len(bank) > 100 and all(VARIANT.search(p.read_bytes()) for p in bank)
    assert {"notebooks.py", "harness_ratio.py", "harness.py", "footprint.py", "numpy_mlp.py"} <= BENCHMARKS
    grader = [(p.relative_to(REPO_ROOT).as_posix(), p.read_bytes())
              for p in sorted((REPO_ROOT / "autograder").rglob("*.py")) + sorted((REPO_ROOT / "hwlib").rglob("*.py"))]
    assert not _leaks(grader), _leaks(grader)
    assert _leaks([("autograder/hw1/softmax_axis0.py", bank[0].read_bytes()),
                   ("autograder/harness_ratio.py", b"")]) == [
        "autograder/hw1/softmax_axis0.py: the mutant bank", "autograder/harness_ratio.py: a benchmark module"]


def test_the_hidden_block_pattern_finds_a_source_notebook_and_spares_the_grader():
    source = next((REPO_ROOT / "source").glob("*/*.ipynb"))
    assert HIDDEN_BLOCK.search(source.read_bytes())
    assert not HIDDEN_BLOCK.search((REPO_ROOT / "autograder" / "hidden_markers.py").read_bytes())


def test_dev_tools_are_an_extra_not_runtime_dependencies():
    # (a dependency for another Python only, e.g. 3.10's tomli, is in that Python's lock)
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"] if Requirement(r).marker is None
               or Requirement(r).marker.evaluate()}
    dev = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]}
    assert not runtime & DEV_ONLY, runtime & DEV_ONLY
    assert DEV_ONLY <= dev
    # the lock stays the full pinned set: every direct dependency, runtime or dev
    locked = {_name(line) for line in (REPO_ROOT / "requirements" / "lock.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    assert (runtime | dev) <= locked, (runtime | dev) - locked


def test_installers_pick_the_extra_they_need():
    # the course's own venv (make test / make lint) has the dev tools ...
    # (and the instructor's class tools: copydetect for the class report's similarity)
    extras = re.search(r"^EXTRAS \?= (\S+)$", (REPO_ROOT / "Makefile").read_text(), re.M).group(1).split(",")
    assert {"course", "dev", "instructor"} <= set(extras), extras
    conda = re.search(r"-e \.\[([^\]]+)\]", (REPO_ROOT / "environment.yml").read_text()).group(1).split(",")
    assert {"course", "dev", "instructor"} <= set(conda), conda
    # ... the Gradescope image installs the assignment's grading set (runtime dependencies +
    # its stack, written into the zip), with the lock of its Python as constraints
    setup = (REPO_ROOT / "autograder" / "gradescope" / "setup.sh").read_text()
    assert '-r "$SRC/course/requirements/grading.txt"' in setup
    assert '-c "$lock"' in setup and "lock-py$ver.txt" in setup and '-r "$lock"' not in setup
    # ... and the student kit is the wheel with the assignment's stack, never the dev tools
    student = (REPO_ROOT / "autograder" / "ci" / "student-check.yml").read_text()
    assert '"$KIT_URL"' in student and "[$KIT_EXTRAS]" in student and "[dev]" not in student


def test_frameworks_are_extras_and_the_course_extra_holds_them_all():
    extras = PYPROJECT["project"]["optional-dependencies"]
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert not runtime & {"torch", "torchvision", "tensorflow-cpu", "keras", "jupyterlab", "nbgrader"}, runtime
    assert extras["course"] == ["dl-course[torch,keras,lab]"]
    assert {_name(r) for r in extras["torch"]} == {"torch", "torchvision"}
    assert {_name(r) for r in extras["keras"]} == {"tensorflow-cpu", "keras"}
