"""A box like the one a course's grader really gets: a memory limit and a CPU share for a
command and every process it starts (Gradescope's default container: 768 MB, half a CPU).

:func:`run_in_box` makes one cgroup per controller (v1 ``memory`` + ``cpu``; v2: one group
with both), runs the command in it and reports its peak memory (the group's high-water
mark, the grader's kernels included: they nest inside it, see
``autograder.grading.cgroup``), its time and whether the OOM killer struck. Root only.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.grading.cgroup import _ENTER, kill_and_remove  # _ENTER: join the groups, then exec

PERIOD_US = 100_000


@dataclass
class BoxRun:
    """What a boxed command did: exit code, wall seconds, peak MB, OOM kills, output."""

    returncode: int
    seconds: float
    peak_mb: float
    oom_kills: int
    stdout: str
    stderr: str
    layer: str      # "cgroup v1 memory+cpu" or "cgroup v2"


class BoxUnavailable(RuntimeError):
    """No cgroup hierarchy here can hold a box (not root, or no memory/cpu controllers)."""


def _mounts():
    v1, v2 = {}, None
    for line in Path("/proc/mounts").read_text().splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        where, fstype, options = parts[1], parts[2], parts[3].split(",")
        if fstype == "cgroup":
            for c in ("memory", "cpu"):
                if c in options:
                    v1.setdefault(c, Path(where))
        elif fstype == "cgroup2" and v2 is None:
            v2 = Path(where)
    return v1, v2


def _write(path, value):
    with open(path, "w") as fh:
        fh.write(f"{value}\n")


def _groups(name, memory_bytes, cpus):
    """``(dirs, read_peak, read_ooms, layer)`` of a new box called ``name``."""
    if os.geteuid() != 0:
        raise BoxUnavailable("a box needs root (cgroups)")
    v1, v2 = _mounts()
    if "memory" in v1 and "cpu" in v1:
        mem, cpu = v1["memory"] / name, v1["cpu"] / name
        mem.mkdir()
        cpu.mkdir()
        try:
            _write(mem / "memory.use_hierarchy", 1)
        except OSError:
            pass          # already hierarchical (the only mode of newer kernels)
        _write(mem / "memory.limit_in_bytes", memory_bytes)
        try:
            _write(mem / "memory.memsw.limit_in_bytes", memory_bytes)
        except OSError:
            pass          # no swap accounting: swap is off here anyway
        _write(cpu / "cpu.cfs_period_us", PERIOD_US)
        _write(cpu / "cpu.cfs_quota_us", int(cpus * PERIOD_US))

        def peak():
            return int((mem / "memory.max_usage_in_bytes").read_text()) / 2**20

        def ooms():
            for line in (mem / "memory.oom_control").read_text().splitlines():
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
            return 0
        return [mem, cpu], peak, ooms, "cgroup v1 memory+cpu"
    if v2 is not None and {"memory", "cpu"} <= set((v2 / "cgroup.controllers").read_text().split()):
        box = v2 / name
        box.mkdir()
        _write(box / "memory.max", memory_bytes)
        _write(box / "cpu.max", f"{int(cpus * PERIOD_US)} {PERIOD_US}")

        def peak():
            f = box / "memory.peak"
            return int(f.read_text()) / 2**20 if f.exists() else float("nan")

        def ooms():
            for line in (box / "memory.events").read_text().splitlines():
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
            return 0
        return [box], peak, ooms, "cgroup v2"
    raise BoxUnavailable("no cgroup hierarchy with the memory and cpu controllers")


def run_in_box(argv, memory_mb=768, cpus=0.5, env=None, cwd=None, timeout=1800):
    """Run ``argv`` with ``memory_mb`` for all its processes and ``cpus`` CPUs; a BoxRun."""
    name = f"box-{os.getpid()}-{secrets.token_hex(4)}"
    dirs, peak, ooms, layer = _groups(name, int(memory_mb * 2**20), cpus)
    files = [str(d / "cgroup.procs") for d in dirs]
    start = time.perf_counter()
    try:
        proc = subprocess.run(["/bin/sh", "-c", _ENTER, "box-enter", str(len(files)), *files, *argv],
                              capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
        seconds = time.perf_counter() - start
        return BoxRun(proc.returncode, round(seconds, 1), round(peak(), 1), ooms(),
                      proc.stdout, proc.stderr, layer)
    finally:
        kill_and_remove(dirs)
