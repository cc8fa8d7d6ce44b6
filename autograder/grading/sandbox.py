"""Process isolation for student code, without containers.

bubblewrap gives the kernel its own mount, PID, IPC and network namespaces: the whole
file system read-only, with the course directory, the grading folders, ``/tmp`` and the
home directory replaced by empty ones, except the environment (``.venv``, ``hwlib``, the
Python installation, the data) read-only and the submission's own working folder (and
the grader's mailbox for this kernel) read-write. No network at all (an empty network
namespace). As root, the kernel also runs under its own unprivileged uid, so per-user
limits (processes) hold. ``prlimit`` sets the resource limits: memory, CPU time,
processes/threads, file size, open files.
Without bubblewrap, only the limits apply, plus the separate uid where the Python
installation is readable by other users (said in every report).

Side by side with other gradings (:meth:`Sandbox.open` at each kernel start,
:meth:`Sandbox.close` at its shutdown): the uid comes from a machine-wide pool
(``uidpool``), all the kernel's processes together are held to one memory and one process
limit by a cgroup (``cgroup``), and its working folder and ``/tmp`` share one size-limited
tmpfs (``diskspace``). Each layer that cannot work here falls back to the per-process
limits, with a WARNING in :meth:`Sandbox.describe` (so in every report).
"""
import functools
import os
import pwd
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..config import GradingConfig
from . import cgroup, diskspace
from .bwrap import Box, bwrap_args
from .uidpool import UidPool


@dataclass
class Limits:
    """Resource limits for one kernel (prlimit names in comments)."""

    memory_mb: int = 6144     # --data: heap + private mappings; a 50 GB allocation fails at once
    cpu_seconds: int = 900    # --cpu: total CPU time of the kernel
    processes: int = 256      # --nproc: processes + threads of the sandbox uid
    file_size_mb: int = 512   # --fsize: largest file it may write
    open_files: int = 1024    # --nofile
    disk_mb: int = 1024       # working folder + /tmp together (a tmpfs: counted as memory too)


@dataclass
class Sandbox:
    """How to start a command for one submission: ``wrap(argv)`` returns the full argv."""

    workdir: Path
    hide: list = field(default_factory=list)       # folders to replace with empty ones
    expose: list = field(default_factory=list)     # folders under hidden ones to show read-only
    binds: list = field(default_factory=list)      # the grader's folders shared read-write (mailbox)
    uid: int = None                                 # run as this uid (root only)
    limits: Limits = field(default_factory=Limits)
    isolate: bool = True                            # use bubblewrap if it works here
    pool: UidPool = None                            # take the uid from this pool at open()
    no_uid_reason: str = ""                         # why the kernel runs as the grader's user
    config: GradingConfig = field(default_factory=GradingConfig)   # which layers may be used
    _lease = _group = _scratch = None
    _cgroup_warning = _disk_warning = ""
    _seen = (0, 0)                                  # OOM kills, refused forks already reported

    @property
    def isolated(self):
        return self.isolate and self.config.bwrap and bwrap_works()

    # -- one kernel's life: open() before it starts, close() once it is gone ------------
    def open(self):
        """Take a uid, make the cgroup, mount the bounded space (each if it works here)."""
        self.close()
        if self.pool is not None:
            self._lease = self.pool.acquire(cleanup=clean_leftovers)
            self.uid = self._lease.uid
        self._cgroup_warning = self._disk_warning = ""
        choice = cgroup.detect(self.config)
        if choice.kind == "none":
            self._cgroup_warning = choice.reason
        else:
            try:
                self._group = cgroup.Group(choice, self.limits.memory_mb << 20,
                                           self.limits.processes).create()
            except OSError as exc:
                self._group = None
                self._cgroup_warning = f"cgroup {choice.kind} could not be set up ({exc})"
        if not self.config.tmpfs:
            self._disk_warning = "disabled by AUTOGRADER_NO_TMPFS=1"
        elif os.geteuid() != 0:
            self._disk_warning = "not running as root (mounting a tmpfs needs root)"
        else:
            try:
                self._scratch = diskspace.Scratch(self.workdir, self.limits.disk_mb, self.uid).mount()
            except OSError as exc:
                self._scratch = None
                self._disk_warning = f"no tmpfs could be mounted ({exc.strerror or exc})"
        if self._scratch is None and self.uid is not None:
            give_tree(self.workdir, self.uid)
        if self._lease is not None:
            self._lease.record(cgroups=self._group.record() if self._group else [],
                               mounts=self._scratch.records() if self._scratch else [])
        self._seen = (0, 0)
        return self

    def close(self):
        """Kill everything the kernel left, unmount its space, free its cgroup and uid."""
        if self._scratch is not None:
            self._scratch.unmount()
            self._scratch = None
        if self._group is not None:
            self._group.destroy()
            self._group = None
        if self._lease is not None:
            self._lease.release()
            self._lease = None
            self.uid = None

    def limit_notes(self):
        """Messages for the student about limits hit since the last call (cgroup counters)."""
        if self._group is None:
            return []
        ooms, refused = self._group.oom_kills(), self._group.pids_refused()
        notes = []
        if ooms > self._seen[0]:
            # a box around the grader (Gradescope's container) may hold less than the kernel's own limit
            available = min(self.limits.memory_mb, self._group.available_mb() or self.limits.memory_mb)
            notes.append(f"your notebook used more than {available:.0f} MB of memory in "
                         "all its processes together (files it wrote count too), so the system "
                         f"stopped {ooms - self._seen[0]} of its processes; use less memory "
                         "(smaller arrays or batches, fewer processes)")
        if refused > self._seen[1]:
            notes.append(f"your notebook tried to run more than {self.limits.processes} processes "
                         f"and threads at once; {refused - self._seen[1]} could not start")
        self._seen = (ooms, refused)
        return notes

    def describe(self):
        """Which isolation layers are in force, with a WARNING for each that fell back."""
        lim = self.limits
        parts = ["bubblewrap: no network, read-only system, course and other submissions hidden"
                 if self.isolated else "WARNING: NO file-system/network isolation (bubblewrap unavailable)"]
        if self.uid is not None:
            pool = f" from the pool {self.pool.describe()}" if self.pool is not None else " (fixed)"
            parts.append(f"uid {self.uid}{pool}")
        else:
            parts.append("WARNING: no separate uid, the kernel runs as the grader's user"
                         + (f" ({self.no_uid_reason})" if self.no_uid_reason else ""))
        if self._group is not None:
            parts.append(f"cgroup {self._group.kind}: {lim.memory_mb} MB memory and "
                         f"{lim.processes} processes for all its processes together")
        else:
            why = self._cgroup_warning or "not set up yet"
            parts.append(f"WARNING: no cgroup ({why}): memory and processes limited per process only")
        if self._scratch is not None:
            where = "working folder and /tmp" if self.isolated else "working folder (not /tmp)"
            parts.append(f"disk: tmpfs {lim.disk_mb} MB for its {where}, counted as memory")
        else:
            why = self._disk_warning or "not set up yet"
            parts.append(f"WARNING: disk space not bounded ({why}): only files over "
                         f"{lim.file_size_mb} MB are refused")
        parts.append(f"limits: {lim.memory_mb} MB memory, {lim.cpu_seconds} s CPU, "
                     f"{lim.processes} processes, {lim.file_size_mb} MB files")
        return "; ".join(parts)

    def wrap(self, argv):
        lim = self.limits
        inner = ["prlimit", f"--data={lim.memory_mb << 20}", f"--cpu={lim.cpu_seconds}",
                 f"--nproc={lim.processes}", f"--fsize={lim.file_size_mb << 20}",
                 f"--nofile={lim.open_files}", "--", *argv]
        if self.uid is not None:
            inner = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                     "--", *inner]
        if self.isolated:
            inner = [*self._bwrap_args(), *inner]
        return self._group.wrap(inner) if self._group is not None else inner

    def _bwrap_args(self):
        """The kernel's box: no network, its own hostname, the course and grading folders
        hidden, the environment shown read-only, its working folder (and the mailbox)
        read-write, /tmp its bounded scratch space or an empty one."""
        scratch = self._scratch.tmp if self._scratch is not None else None
        return bwrap_args(Box(hide=self.hide if scratch else ["/tmp", *self.hide], ro=self.expose,
                              rw=[self.workdir, *self.binds], chdir=self.workdir, network=False,
                              hostname="sandbox", tmp=scratch, home=self.workdir))


@functools.lru_cache(maxsize=1)
def bwrap_works():
    """True when bubblewrap is installed and may create namespaces here (whether the
    configuration allows it is :attr:`GradingConfig.bwrap`)."""
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                            "--dev", "/dev", "--proc", "/proc", "true"], capture_output=True)
    return probe.returncode == 0


def default_sandbox(workdir, course_root, grading_root, uid=None, limits=None, config=None):
    """The standard sandbox for a kernel grading one submission of this course, with the
    layers ``config`` allows (default: every layer that works here)."""
    import hwlib

    course_root = Path(course_root).resolve()
    install_root = Path(__file__).resolve().parents[2]   # the repository this grader runs from
    venv = Path(sys.prefix).resolve()
    base = Path(sys.base_prefix).resolve()
    home = Path.home().resolve()
    expose = [Path(hwlib.__file__).resolve().parent, venv, base]
    config = config or GradingConfig()
    if config.data:
        expose.append(Path(config.data).resolve())
    pool, reason = None, ""
    if os.geteuid() != 0:
        uid, reason = None, "the grader is not root"
    elif uid is not None and not (config.bwrap and bwrap_works()) and not _others_can_run(Path(sys.executable)):
        # Without bubblewrap's --perms, the grading uid cannot reach a Python installed
        # under a private folder (e.g. /root/.pyenv): keep root rather than fail every kernel.
        uid, reason = None, "its Python is not readable by other users and bubblewrap is unavailable"
    if uid == "pool":
        uid, pool = None, UidPool.from_config(config)
    # the account's real home too, whatever $HOME says (a test or CI may point it elsewhere):
    # hiding it is also what lets the kernel's uid reach a Python installed under it
    account_home = Path(pwd.getpwuid(os.getuid()).pw_dir).resolve()
    hide = [course_root, install_root, Path(grading_root).resolve(), home, account_home]
    return Sandbox(workdir=Path(workdir), hide=hide, expose=expose, uid=uid, limits=limits or Limits(),
                   pool=pool, no_uid_reason=reason, config=config)


def clean_leftovers(record):
    """Undo what a killed grader left of its kernel (read from its uid's lock file)."""
    diskspace.unmount_all(record.get("mounts", []))
    cgroup.kill_and_remove(record.get("cgroups", []), timeout=5.0)


def give_tree(top, uid):
    """``top`` and, for a folder, everything under it owned by ``uid`` (never following a
    symlink)."""
    os.chown(top, uid, uid, follow_symlinks=False)
    if not os.path.isdir(top) or os.path.islink(top):
        return
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)


def _others_can_run(executable):
    """True when a user with no special rights can execute ``executable``."""
    target = executable.resolve()
    for folder in target.parents:
        if not folder.stat().st_mode & 0o001:
            return False
    return bool(target.stat().st_mode & 0o001)
