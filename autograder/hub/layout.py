"""The exchange tree and the course's locked folders (all set up by root).

Exchange (``<state>/exchange``)::

    released/<id>/                          root 0755 / files 0644: what students fetch
    students/                               root 0711: no one lists the students
    students/<s>/<course>/                  root:<s> 0750: only <s> (and root) enter
    students/<s>/<course>/outbound -> ../../../released
    students/<s>/<course>/inbound/          root:<s> 2770: <s> writes and reads own submissions
    students/<s>/<course>/feedback/         root:<s> 0750: feedback released to <s> (files 0640)

Each student's nbgrader sees ``students/<s>`` as its exchange root, so nbgrader's own
fetch / submit / list / fetch-feedback code works unchanged inside it (:mod:`.exchange`).
"""
import os
import shutil
from pathlib import Path

from .users import private_gid


def ensure_exchange(root):
    """The shared part of the tree; returns ``root``."""
    root = Path(root)
    for path, mode in ((root, 0o755), (root / "released", 0o755), (root / "students", 0o711)):
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, 0, 0)
        os.chmod(path, mode)
    return root


def student_root(root, student):
    return Path(root) / "students" / student


def provision(root, course_id, student):
    """Create ``student``'s part of the exchange; False (nothing made) without a private group."""
    gid = private_gid(student)
    if gid is None:
        return False
    base = student_root(root, student)
    course = base / course_id
    for path, mode in ((base, 0o750), (course, 0o750), (course / "inbound", 0o2770),
                       (course / "feedback", 0o750)):
        path.mkdir(exist_ok=True)
        os.chown(path, 0, gid)
        os.chmod(path, mode)
    link = course / "outbound"
    if not link.is_symlink():
        link.symlink_to(os.path.relpath(Path(root) / "released", course))
    return True


def release(root, assignment, release_dir):
    """Copy ``release_dir`` (``release/<id>``) to ``released/<id>``, world-readable, atomically."""
    dest = Path(root) / "released" / assignment
    tmp = dest.with_name(f".{assignment}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(release_dir, tmp, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__",
                                                                   "*.pyc", "README.md"))
    for d, _, files in os.walk(tmp):
        os.chmod(d, 0o755)
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    return dest


def released(root):
    d = Path(root) / "released"
    return sorted(p.name for p in d.iterdir() if p.is_dir() and not p.name.startswith(".")) if d.is_dir() else []
