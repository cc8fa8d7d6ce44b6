"""Run nbgrader's own command-line apps for a course directory (a subprocess each)."""
import os
import subprocess
import sys

from .course import CourseError


def nbgrader_env():
    """This environment with its ``bin/`` first on PATH (nbgrader shells out to ``alembic``)."""
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def ensure_bin_on_path():
    """nbgrader's Gradebook shells out to ``alembic``: put this environment's bin/ on PATH."""
    os.environ["PATH"] = nbgrader_env()["PATH"]


def run(args, course_dir, timeout=None):
    """``nbgrader <args...>`` in ``course_dir``; CourseError with nbgrader's log on failure."""
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_dir,
                          env=nbgrader_env(), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or "[ERROR]" in proc.stderr or "| ERROR]" in proc.stderr:
        log = (proc.stderr + proc.stdout).strip().splitlines()
        raise CourseError(f"nbgrader {' '.join(args)} failed in {course_dir}:\n  "
                          + "\n  ".join(log[-25:]))
    return proc
