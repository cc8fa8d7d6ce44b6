"""A Gradescope rehearsal: build a zip, install it in a temporary ``AUTOGRADER_ROOT``
(reusing this venv instead of a 7 GB install), grade a notebook with ``run_autograder``
and read ``results.json`` as Gradescope would; ``make demo`` does it for the solution, the
box test (tests/test_box.py) and the benchmarks inside a box like Gradescope's container
(``benchmarks.box.run_in_box``, which they pass in: the package never imports them)."""
import contextlib
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

from .. import cells as C
from ..course import CourseError, course_root, release_notebook, source_notebook
from ..report import max_score_of
from .build import build


@contextlib.contextmanager
def installed(zip_path):
    """``(root, env)`` of the zip unpacked in a temporary ``$AUTOGRADER_ROOT`` and set up
    with ``setup.sh``, reusing this venv (the tests do the real install); removed after.
    Raises RuntimeError with setup.sh's output if it fails."""
    base = Path(tempfile.mkdtemp(prefix="gradescope-rehearsal-"))
    try:
        base.chmod(0o711)
        root = base / "autograder"
        (root / "source").mkdir(parents=True)
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(root / "source")
        env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_NO_APT": "1",
               "AUTOGRADER_REUSE_VENV": sys.prefix}
        env.pop("COURSE_ROOT", None)
        setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], env=env,
                               capture_output=True, text=True)
        if setup.returncode != 0:
            raise RuntimeError(f"setup.sh failed:\n{setup.stdout[-2000:]}{setup.stderr[-2000:]}")
        (root / "submission").mkdir()
        yield root, env
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run_submission(root, env, notebook, box=None):
    """Grade ``notebook`` (a NotebookNode) with ``run_autograder`` as Gradescope would:
    ``(results.json as a dict, wall seconds, what box returned or None)``. ``box``: a
    runner ``box(argv, env=, cwd=)`` to run it in a box like Gradescope's container, e.g.
    ``functools.partial(benchmarks.box.run_in_box, memory_mb=768, cpus=0.5)``."""
    for old in (root / "submission").iterdir():
        old.unlink()
    nbformat.write(notebook, root / "submission" / "my_notebook.ipynb")
    start = time.perf_counter()
    boxed = None
    if box is None:
        subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True)
    else:
        boxed = box([str(root / "run_autograder")], env=env, cwd=str(root))
    seconds = time.perf_counter() - start
    path = root / "results" / "results.json"
    data = json.loads(path.read_text()) if path.is_file() else {}
    return data, seconds, boxed


def rehearse(assignment, out_dir, echo=print):
    """True when the zip installs and ``run_autograder`` gives the solution full marks."""
    if os.geteuid() != 0:
        echo("[gradescope] skipped: setup.sh runs as root (as on Gradescope)")
        return True
    try:
        zip_path = build(assignment, Path(out_dir) / "gradescope", echo=lambda *_: None)
    except CourseError as exc:
        echo(f"[gradescope] skipped: {str(exc).splitlines()[0]} (the zip bundles the full data)")
        return True
    echo(f"[gradescope] {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB)")
    try:
        with installed(zip_path) as (root, env):
            echo(f"[gradescope] setup.sh in {root}: reused this venv ({sys.prefix}) instead of "
                 "installing requirements/lock.txt (the tests do the real install)")
            data, seconds, _ = run_submission(root, env, solution(assignment))
    except RuntimeError as exc:
        echo(f"[gradescope] {exc}")
        return False
    lines = data.get("output", "").splitlines() or [""]
    isolation = next((line for line in lines if line.startswith("Isolation: ")), "")
    top = max_score_of(data) if data else 0
    echo(f"[gradescope] run_autograder: {data.get('score', 0):g}/{top:g} in {seconds:.0f} s; {lines[0]}")
    echo(f"[gradescope] {isolation}")
    return top > 0 and data["score"] == top


def solution(assignment):
    """The source solutions filled into the release notebook of ``assignment``."""
    from ..validate import submission_for

    root = course_root()
    return submission_for(C.read(source_notebook(assignment, root)),
                          C.read(release_notebook(assignment, root)), {})
