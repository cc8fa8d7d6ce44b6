"""Each student's server in bubblewrap, started by root and dropped to the student's uid.

What a student's server sees: the system read-only; a private ``/tmp`` and process table;
no ``/root``, no course or code checkout except the venv, Python, ``hwlib`` and ``autograder``
read-only (so neither ``source/`` nor the mutant bank, ``course/mutants/``); of all homes
only their own; of the exchange only ``released/`` (read-only) and their own tree; the
data read-only.
"""
import pwd
import sys
from pathlib import Path

import hwlib

from .config import CODE_ROOT, Settings


def _within(path, roots):
    return any(r == path or r in path.parents for r in roots)


def bwrap_args(hide, ro=(), rw=(), chdir=None):
    """bubblewrap's arguments: ``hide`` (tmpfs), then ``ro`` / ``rw`` binds with the folders
    between a hidden root and them made traversable."""
    hide = [Path(p) for p in dict.fromkeys(Path(p).resolve() for p in hide)]
    hide = [p for p in hide if not _within(p, [q for q in hide if q != p])]   # outermost only
    args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid",
            "--unshare-ipc", "--die-with-parent", "--new-session"]
    for p in hide:
        args += ["--tmpfs", str(p)]
    made = set()
    for kind, paths in (("--ro-bind", ro), ("--bind", rw)):
        for p in (Path(x).resolve() for x in paths):
            if not p.exists():
                continue
            for parent in reversed(p.parents):
                if parent not in made and _within(parent, hide) and parent not in hide:
                    made.add(parent)
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += [kind, str(p), str(p)]
    if chdir:
        args += ["--chdir", str(chdir)]
    return args


def _common(s: Settings):
    hide = ["/tmp", "/var/tmp", "/root", CODE_ROOT, s.course_root, s.state, Path.home()]
    ro = [sys.prefix, sys.base_prefix, Path(hwlib.__file__).parent, CODE_ROOT / "autograder",
          Path(s.state) / "jupyter", s.exchange / "released"]
    if s.data:
        ro.append(s.data)
    return hide, ro


def student_argv(name, s: Settings, argv):
    """``argv`` as student ``name``, boxed."""
    user = pwd.getpwnam(name)
    home = Path(user.pw_dir)
    hide, ro = _common(s)
    hide += [home.parent, s.exchange / "students"]
    rw = [home, s.exchange / "students" / name]
    box = bwrap_args(hide, ro, rw, chdir=home)
    return [*box, *drop_to(user), *argv]


def formgrader_argv(name, s: Settings, argv):
    """``argv`` as the grader account ``name``, boxed, with the course root readable."""
    user = pwd.getpwnam(name)
    hide, ro = _common(s)
    hide += [Path(user.pw_dir).parent]
    ro += [s.course_root, Path(s.state) / "instructor"]
    box = bwrap_args(hide, ro, [user.pw_dir], chdir=s.course_root)
    return [*box, *drop_to(user), *argv]


def drop_to(user):
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups", "--"]


def env_for(user):
    return {"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name, "SHELL": "/bin/bash"}

