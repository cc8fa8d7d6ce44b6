"""bubblewrap's command line, built in one place for every box: a student's kernel
(``grading/sandbox.py``) and a student's or the grader account's Jupyter server on the
hub (``hub/box.py``).

The whole file system is shown read-only, with ``hide`` folders replaced by empty ones;
``ro`` and ``rw`` folders are then shown again (read-only, read-write), with the folders
between a hidden one and them made traversable (0755). Every box has its own PID and IPC
namespaces and dies with its parent.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Paths = Iterable[str | os.PathLike[str]]


@dataclass(frozen=True)
class Box:
    """What one bubblewrap box shows and separates (see the module's docstring)."""

    hide: Paths
    ro: Paths = ()
    rw: Paths = ()
    chdir: str | os.PathLike[str] | None = None
    network: bool = True                            # False: an empty network namespace
    hostname: str | None = None                     # its own UTS namespace, with this name
    tmp: str | os.PathLike[str] | None = None       # shown as /tmp (read-write), before the hidden folders
    home: str | os.PathLike[str] | None = None      # $HOME inside
    new_session: bool = False                       # no controlling terminal (TIOCSTI)


def existing(paths: Paths) -> list[Path]:
    """``paths`` resolved, without duplicates or paths that do not exist, in order."""
    out = []
    for p in paths:
        p = Path(p).resolve()
        if p.exists() and p not in out:
            out.append(p)
    return out


def outermost(paths: list[Path]) -> list[Path]:
    """``paths`` without those inside another one (an empty folder hides what is below)."""
    return [p for p in paths if not any(q in p.parents for q in paths)]


def bwrap_args(box: Box) -> list[str]:
    """The ``bwrap ...`` arguments for ``box``; the command to run follows them."""
    args = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc"]
    if not box.network:
        args.append("--unshare-net")
    if box.hostname:
        args += ["--unshare-uts", "--hostname", box.hostname]
    if box.new_session:
        args.append("--new-session")
    args += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    if box.tmp is not None:
        args += ["--bind", str(box.tmp), "/tmp"]
    hidden = outermost(existing(box.hide))
    for path in hidden:
        args += ["--tmpfs", str(path)]
    made = set()
    for flag, paths in (("--ro-bind", box.ro), ("--bind", box.rw)):
        for path in existing(paths):
            for parent in reversed(path.parents):
                if parent not in made and any(h in parent.parents for h in hidden):
                    made.add(parent)
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += [flag, str(path), str(path)]
    if box.chdir is not None:
        args += ["--chdir", str(box.chdir)]
    if box.home is not None:
        args += ["--setenv", "HOME", str(box.home)]
    return args
