"""``python -m autograder check``: the students' self-check, from the student kit alone.

The kit is the course's wheel. The slow test builds it, checks that it holds no source
notebook, no mutant and no benchmark, installs it into an empty venv (its third-party
dependencies come from the course's venv through a .pth line) and runs ``check`` from a
folder holding only the notebook, in a mount namespace where the repository's ``source/``,
``release/`` and mutant bank are empty: what a student's CI job has.
"""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from paths import REPO_ROOT

from autograder import cells as C
from autograder.check import NOT_THE_GRADE, check
from autograder.course import CourseError
from autograder.validate import submission_for

HW1 = "hw1_numpy_backprop"
HIDDEN_HERE = ("source", "release", "course/mutants")


def _nb(kind):
    return C.read(REPO_ROOT / kind / HW1 / f"{HW1}.ipynb")


def test_check_refuses_a_missing_or_foreign_notebook(tmp_path):
    with pytest.raises(CourseError, match="no notebook"):
        check(tmp_path / "nothing.ipynb", HW1)
    plain = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), plain)
    with pytest.raises(CourseError, match="no self-check cells"):
        check(plain, "plain")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """A venv with only the course's wheel installed (plus the course venv's dependencies)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare (a mount namespace hides source/)")
    base = tmp_path_factory.mktemp("kit")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(REPO_ROOT),
                            "-w", str(base / "dist")], capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((base / "dist").glob("dl_course-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert {"autograder/check.py", "hwlib/testing.py", "autograder/grading/runner.py"} <= set(names)
    leaks = [n for n in names if n.endswith(".ipynb") or n.startswith(("source/", "release/", "benchmarks/"))
             or "/mutants/" in n or "/bench/" in n]
    assert leaks == []
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.check_output([str(venv / "bin" / "python"), "-c",
                                         "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    deps = Path(subprocess.check_output([sys.executable, "-c",
                                         "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "zz_course_dependencies.pth").write_text(f"{deps}\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                    "-q", "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    yield venv
    shutil.rmtree(base, ignore_errors=True)


def run_check(kit, folder, notebook_name):
    """``check`` from ``folder`` with the kit's Python, the repository's secrets hidden."""
    mounts = " && ".join(f"mount -t tmpfs -o size=1m none {REPO_ROOT / d}" for d in HIDDEN_HERE)
    script = (f"{mounts} && test -z \"$(ls {REPO_ROOT / 'source'})\" && "
              f"exec {kit / 'bin' / 'python'} -c 'import autograder, sys; "
              f"sys.stderr.write(\"KIT=\" + autograder.__file__ + \"\\n\"); "
              f"from autograder.cli import main; sys.exit(main())' check {notebook_name}")
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_ROOT", "PYTHONPATH")}
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=1800)


@pytest.mark.slow
@pytest.mark.needs_data
def test_check_from_the_student_kit_alone(kit, tmp_path, data_root):
    source, release = _nb("source"), _nb("release")
    wrong_relu = "def relu(z):\n    return z\n"
    for name, answers, code in (("good", {}, 0), ("wrong", {"relu": wrong_relu}, 1)):
        folder = tmp_path / name
        folder.mkdir()
        nbformat.write(submission_for(source, release, answers), folder / f"{HW1}.ipynb")
        proc = run_check(kit, folder, f"{HW1}.ipynb")
        assert proc.returncode == code, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert f"KIT={kit}" in proc.stderr            # the wheel's autograder, not the repository's
        out = proc.stdout
        assert NOT_THE_GRADE in out and "isolation: bubblewrap" in out
        visible = sum(C.points(c) for _, c in C.test_cells(release))
        assert "total" in out and f"/{visible:g}" in out
        if code:
            relu_line = next(line for line in out.splitlines() if line.startswith("test_relu "))
            assert "FAILED" in relu_line
        else:
            assert "FAILED" not in out
        assert sorted(p.name for p in folder.iterdir()) == [f"{HW1}.ipynb"]   # nothing left behind
