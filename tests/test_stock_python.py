"""The grading environment installs with an operating system's own Python (issue 22.4).

Debian 12's python3 (3.11.2) does the real install in tests/test_gradescope.py (setup.sh
from the zip, a clean PATH). Here: the grading code needs nothing newer than Python 3.10
(Ubuntu 22.04's), and the grading set resolves for 3.10 and 3.12 (Ubuntu 24.04's) with
their locks, as a dry run (``pip install --dry-run --python-version X --only-binary=:all:``).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder import manifest
from autograder.gradescope.requirements import grading_requirements, lock_for

# what a Gradescope image runs: the grader, hwlib and the agent injected into the kernel;
# not the hub (the course's own machines; the benchmarks and the mutant bank are outside both)
GRADING_CODE = [p for package in ("autograder", "hwlib") for p in sorted((REPO_ROOT / package).rglob("*.py"))
                if "hub" not in p.relative_to(REPO_ROOT).parts]


def test_the_grading_code_runs_on_python_3_10():
    proc = subprocess.run([str(Path(sys.executable).parent / "vermin"), "--no-tips", "--violations", "-t=3.10-",
                           *map(str, GRADING_CODE)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "Minimum required versions: 3.10" in proc.stdout or "Minimum required versions: ~" in proc.stdout


def test_every_stack_and_python_has_a_lock_that_pins_its_frameworks():
    for version in ("3.10", "3.11", "3.12"):
        lock = REPO_ROOT / lock_for(version, REPO_ROOT)
        pins = {line.split("==")[0].lower().replace("_", "-") for line in lock.read_text().splitlines()
                if "==" in line and not line.startswith("#")}
        for entry in manifest.load(REPO_ROOT).values():
            names = {r.split(";")[0].split("=")[0].split(">")[0].split("<")[0].strip().lower()
                     for r in grading_requirements(entry.stack, REPO_ROOT)}
            if version != "3.10":
                names.discard("tomli")        # 3.10's backport of tomllib
            assert names <= pins, f"{lock.name} lacks {names - pins} for {entry.id}"


def test_an_unknown_stack_is_named(tmp_path):
    from autograder.course import CourseError

    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["numpy"]\n'
                                             '[project.optional-dependencies]\ntorch = ["torch"]\n')
    with pytest.raises(CourseError, match=r"no extra \['jax'\].*torch"):
        grading_requirements(("jax",), tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.10", "3.12"])
def test_the_grading_set_resolves_for_ubuntus_own_python(version, tmp_path):
    """Every stack at once (torch and keras: a superset of each assignment's set)."""
    wanted = tmp_path / "grading.txt"
    wanted.write_text("\n".join(grading_requirements(("torch", "keras"), REPO_ROOT)) + "\n")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
                           "--python-version", version, "--only-binary=:all:", "--target", str(tmp_path / "t"),
                           "--report", str(tmp_path / "report.json"),
                           "-c", str(REPO_ROOT / lock_for(version, REPO_ROOT)), "-r", str(wanted)],
                          capture_output=True, text=True, env=env, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    import json

    chosen = {item["metadata"]["name"].lower().replace("_", "-"): item["metadata"]["version"]
              for item in json.loads((tmp_path / "report.json").read_text())["install"]}
    print(f"Python {version}: {len(chosen)} packages, numpy {chosen.get('numpy')}, torch {chosen.get('torch')}, "
          f"tensorflow-cpu {chosen.get('tensorflow-cpu')}")
    assert chosen["torch"] == "2.14.1" and "tensorflow-cpu" in chosen and "numpy" in chosen
