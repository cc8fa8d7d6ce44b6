"""The instructor's side of the exchange, as root: nbgrader's own apps with the private
exchange's classes (``<state>/instructor/nbgrader_config.py``)."""
import os
import subprocess
import sys
from pathlib import Path

from ..course import CourseError
from ..nbgrader_cli import nbgrader_env
from .config import write_instructor_config


def run(s, *args):
    """``nbgrader <args>`` in the course root with the private exchange; its log, or CourseError."""
    env = dict(nbgrader_env(), JUPYTER_CONFIG_PATH=str(write_instructor_config(s)))
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=s.course_root, env=env,
                          capture_output=True, text=True)
    log = (proc.stderr + proc.stdout).strip()
    if proc.returncode != 0 or "[ERROR]" in log or "| ERROR]" in log:
        raise CourseError(f"nbgrader {' '.join(args)} failed:\n{log[-3000:]}")
    return log


def collect(s, assignment):
    """Every student's latest submission into ``submitted/<s>/<id>/`` (with its trusted time)."""
    log = run(s, "collect", assignment, "--update")
    subs = sorted(p.parent.parent.name for p in Path(s.course_root, "submitted").glob(f"*/{assignment}/timestamp.txt"))
    return log, subs


def release_feedback(s, assignment):
    """``feedback/<s>/<id>/*.html`` into each student's own feedback folder."""
    return run(s, "release_feedback", assignment)


def release(s, assignment):
    from ..course import release_notebook
    from . import layout

    src = release_notebook(assignment, s.course_root).parent
    if not src.is_dir():
        raise CourseError(f"no {src}: run `python -m autograder release {assignment}` first")
    return layout.release(s.exchange, assignment, src)


def state_default(course_root):
    return os.path.join(course_root, ".hub", "state")
