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

from ..grading.bwrap import Box, bwrap_args
from .config import CODE_ROOT, Settings


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
    return [*bwrap_args(Box(hide, ro, rw, chdir=home, new_session=True)), *drop_to(user), *argv]


def formgrader_argv(name, s: Settings, argv):
    """``argv`` as the grader account ``name``, boxed, with the course root readable."""
    user = pwd.getpwnam(name)
    hide, ro = _common(s)
    hide += [Path(user.pw_dir).parent]
    ro += [s.course_root, Path(s.state) / "instructor"]
    return [*bwrap_args(Box(hide, ro, [user.pw_dir], chdir=s.course_root, new_session=True)),
            *drop_to(user), *argv]


def drop_to(user):
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups", "--"]


def env_for(user):
    return {"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name, "SHELL": "/bin/bash"}

