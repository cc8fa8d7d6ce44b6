"""A Gradescope rehearsal for ``make demo``: build a zip, install it in a temporary
``AUTOGRADER_ROOT`` (reusing this venv instead of a 7 GB install), grade the solution
with ``run_autograder`` and read ``results.json`` as Gradescope would."""
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
    base = Path(tempfile.mkdtemp(prefix="gradescope-demo-"))
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
            echo(f"[gradescope] setup.sh failed:\n{setup.stdout[-2000:]}{setup.stderr[-2000:]}")
            return False
        echo(f"[gradescope] setup.sh in {root}: reused this venv ({sys.prefix}) instead of "
             "installing requirements/lock.txt (the tests do the real install)")
        (root / "submission").mkdir()
        nbformat.write(_solution(assignment), root / "submission" / "my_notebook.ipynb")
        start = time.perf_counter()
        subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True)
        data = json.loads((root / "results" / "results.json").read_text())
        lines = data["output"].splitlines()
        isolation = next((line for line in lines if line.startswith("Isolation: ")), "")
        top = max_score_of(data)
        echo(f"[gradescope] run_autograder: {data['score']:g}/{top:g} in "
             f"{time.perf_counter() - start:.0f} s; {lines[0]}")
        echo(f"[gradescope] {isolation}")
        return top > 0 and data["score"] == top
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _solution(assignment):
    from ..validate import submission_for

    root = course_root()
    return submission_for(C.read(source_notebook(assignment, root)),
                          C.read(release_notebook(assignment, root)), {})
