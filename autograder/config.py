"""The grading configuration: every setting declared once, typed, with its variable and meaning.

An entry point (the CLI, ``run_autograder``, a pool worker's initializer) builds one
:class:`GradingConfig` with :meth:`GradingConfig.from_env` and passes it down to the
grader, its sandboxes and its uid pool; nothing below reads the environment for these
settings, and nothing writes the environment to pass them between modules. The grader
sets variables only for processes it starts: the kernel's (``grading/kernel_env.py``)
and this venv's ``bin/`` on PATH for nbgrader's own subprocesses (``nbgrader_cli.py``).

    >>> config = GradingConfig.from_env({"AUTOGRADER_NO_BWRAP": "1"})
    >>> config.bwrap
    False
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


def _path(text):
    return Path(text).expanduser() if text else None


def _on(text):
    return text == "1"


def _off(text):
    """A feature that ``VAR=1`` turns off: True unless the variable is "1"."""
    return text != "1"


def _setting(var, parse, default, doc):
    """A field read from environment variable ``var`` with ``parse(text)`` when it is set."""
    return field(default=default, metadata={"env": var, "parse": parse, "doc": doc})


@dataclass(frozen=True)
class GradingConfig:
    """How this machine grades: where the course and the data are, which isolation layers
    may be used, and the uid pool's range. Frozen: change it with :meth:`with_`."""

    course_root: Path | None = _setting(
        "COURSE_ROOT", _path, None,
        "the course repository (default: the folder above the installed autograder package)")
    data: Path | None = _setting(
        "HWLIB_DATA", _path, None,
        "a folder holding mnist/ and fashion-mnist/ with the official .gz files; the grader "
        "shows it to the kernel read-only")
    subset: str = _setting(
        "HWLIB_SUBSET", str, "",
        "'mini' asks to grade on hwlib's shipped mini subsets (only with --allow-mini); "
        "the grader sets it to the subset it chose ('full' or 'mini')")
    offline: bool = _setting(
        "HWLIB_OFFLINE", _on, False, "1: never download a dataset (the Gradescope image's data is bundled)")
    fallback_mini: bool = _setting(
        "HWLIB_FALLBACK_MINI", _on, False, "1: hwlib's loaders fall back to the mini subsets (passed to kernels)")
    openblas_coretype: str = _setting(
        "OPENBLAS_CORETYPE", str, "", "OpenBLAS's CPU kernel choice, passed to kernels")
    openblas_l2_size: str = _setting(
        "OPENBLAS_L2_SIZE", str, "", "OpenBLAS's cache size, passed to kernels")
    uid_pool: str = _setting(
        "AUTOGRADER_UID_POOL", str, "",
        "FIRST-LAST: the uids kernels run as, one per kernel (default: grading/uidpool.py's)")
    uid_pool_dir: Path | None = _setting(
        "AUTOGRADER_UID_POOL_DIR", _path, None, "the folder of the uid pool's lock files")
    cgroups: bool = _setting(
        "AUTOGRADER_NO_CGROUPS", _off, True, "1: no cgroup limits (memory, processes) for kernels")
    cgroup_parent: str = _setting(
        "AUTOGRADER_CGROUP_PARENT", lambda text: text.strip("/"), "autograder",
        "the cgroup folder the kernels' groups are made in")
    tmpfs: bool = _setting(
        "AUTOGRADER_NO_TMPFS", _off, True, "1: no size-limited tmpfs as a kernel's working folder")
    bwrap: bool = _setting(
        "AUTOGRADER_NO_BWRAP", _off, True, "1: no bubblewrap namespaces (no network, hidden course files)")
    gradescope_root: Path = _setting(
        "AUTOGRADER_ROOT", _path, Path("/autograder"), "run_autograder's root (Gradescope's /autograder)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> GradingConfig:
        """The configuration the variables of ``environ`` (default ``os.environ``) ask for;
        an unset or empty variable keeps its default."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in dataclasses.fields(cls):
            text = environ.get(f.metadata["env"], "")
            if text:
                values[f.name] = f.metadata["parse"](text)
        return cls(**values)

    def with_(self, **changes) -> GradingConfig:
        """A copy with ``changes`` (field names) applied."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def documented(cls) -> list[tuple[str, str, str]]:
        """``(variable, field, meaning)`` of every setting, for the docs and their test."""
        return [(f.metadata["env"], f.name, f.metadata["doc"]) for f in dataclasses.fields(cls)]
