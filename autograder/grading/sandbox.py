"""Process isolation for student code, without containers.

bubblewrap gives the kernel its own mount, PID, IPC and network namespaces: the whole
file system read-only, with the course directory, the grading folders, ``/tmp`` and the
home directory replaced by empty ones, except the environment (``.venv``, ``hwlib``, the
Python installation, the data) read-only and the submission's own working folder (and
the grader's mailbox for this kernel) read-write. No network at all (an empty network namespace). As root, the kernel also runs
under its own unprivileged uid, so per-user limits (processes) hold. ``prlimit`` sets the
resource limits: memory, CPU time, processes/threads, file size, open files.
Without bubblewrap, only the limits apply, plus the separate uid where the Python
installation is readable by other users (said in every report).
"""
import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Limits:
    """Resource limits for one kernel (prlimit names in comments)."""

    memory_mb: int = 6144     # --data: heap + private mappings; a 50 GB allocation fails at once
    cpu_seconds: int = 900    # --cpu: total CPU time of the kernel
    processes: int = 256      # --nproc: processes + threads of the sandbox uid
    file_size_mb: int = 512   # --fsize: largest file it may write
    open_files: int = 1024    # --nofile


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

    @property
    def isolated(self):
        return self.isolate and bwrap_works()

    def describe(self):
        parts = ["bubblewrap: no network, read-only system, course and other submissions hidden"
                 if self.isolated else "NO file-system/network isolation (bubblewrap unavailable)"]
        if self.uid is not None:
            parts.append(f"uid {self.uid}")
        lim = self.limits
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
        if not self.isolated:
            return inner
        return [*self._bwrap_args(), *inner]

    def _bwrap_args(self):
        args = ["bwrap", "--die-with-parent", "--unshare-net", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--hostname", "sandbox", "--ro-bind", "/", "/",
                "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
        hidden = _existing(self.hide)
        for path in hidden:
            args += ["--tmpfs", str(path)]
        made = set()
        for path in _existing(self.expose):
            # folders between a hidden root and an exposed path must be traversable
            for parent in reversed(path.parents):
                if parent not in made and any(h in parent.parents for h in hidden):
                    made.add(parent)
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += ["--ro-bind", str(path), str(path)]
        args += ["--bind", str(self.workdir), str(self.workdir), "--chdir", str(self.workdir),
                 "--setenv", "HOME", str(self.workdir)]
        for path in self.binds:
            args += ["--bind", str(path), str(path)]
        return args


def _existing(paths):
    seen, out = set(), []
    for p in paths:
        p = Path(p).resolve()
        if p.exists() and p not in seen:
            seen.add(p)
            out.append(p)
    return out


@functools.lru_cache(maxsize=1)
def bwrap_works():
    """True when bubblewrap is installed and may create namespaces here."""
    if shutil.which("bwrap") is None or os.environ.get("AUTOGRADER_NO_BWRAP") == "1":
        return False
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                            "--dev", "/dev", "--proc", "/proc", "true"], capture_output=True)
    return probe.returncode == 0


def default_sandbox(workdir, course_root, grading_root, uid=None, limits=None):
    """The standard sandbox for a kernel grading one submission of this course."""
    import hwlib

    course_root = Path(course_root).resolve()
    install_root = Path(__file__).resolve().parents[2]   # the repository this grader runs from
    venv = Path(sys.prefix).resolve()
    base = Path(sys.base_prefix).resolve()
    home = Path.home().resolve()
    expose = [Path(hwlib.__file__).resolve().parent, venv, base]
    data = os.environ.get("HWLIB_DATA")
    if data:
        expose.append(Path(data).resolve())
    if os.geteuid() != 0:
        uid = None
    elif uid is not None and not bwrap_works() and not _others_can_run(Path(sys.executable)):
        # Without bubblewrap's --perms, the grading uid cannot reach a Python installed
        # under a private folder (e.g. /root/.pyenv): keep root rather than fail every kernel.
        uid = None
    return Sandbox(workdir=Path(workdir), hide=[course_root, install_root, Path(grading_root).resolve(), home],
                   expose=expose, uid=uid, limits=limits or Limits())


def _others_can_run(executable):
    """True when a user with no special rights can execute ``executable``."""
    target = executable.resolve()
    for folder in target.parents:
        if not folder.stat().st_mode & 0o001:
            return False
    return bool(target.stat().st_mode & 0o001)
