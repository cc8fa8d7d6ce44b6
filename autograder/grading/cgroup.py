"""One control group per kernel: all its processes together under one memory and one
process limit.

Which mechanism a machine offers is decided by :func:`choose` from ``/proc/mounts`` (a
pure function of the mount table and the files under ``fs_root``, so it is unit-tested on
fake trees):

- ``v2``: a cgroup2 mount whose ``cgroup.controllers`` has ``memory`` and ``pids``;
- ``v1``: writable ``memory`` and ``pids`` hierarchies;
- ``systemd``: ``systemd-run --scope`` where systemd runs (``/run/systemd/system``);
- ``none``: per-process limits only (the caller warns in every report).

Each kind is one :class:`Group` class (:data:`GROUP_KINDS`); ``Group(choice, ...)`` makes
the one of ``choice.kind``.

Groups are made under ``choice.parent`` (``GradingConfig.cgroup_parent``:
``$AUTOGRADER_CGROUP_PARENT``, default ``autograder``), each named
``kernel-<pid>-<random>``: no two kernels share one. On v1 that folder is inside the
grader's own group of each hierarchy (``/proc/self/cgroup``), so a box put around the
grader (Gradescope's 768 MB, a test's) holds its kernels too; on v2 it is at the root (a
v2 group holding processes cannot enable controllers for groups below it). The
kernel's first process enters the group before it execs anything (:meth:`Group.wrap`), so
every process the student starts is in it; :meth:`Group.destroy` kills them all.
"""
import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# The kernel's launcher: join the groups (pids into each cgroup.procs), then exec the rest.
_ENTER = ('n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 126; shift; '
          'n=$((n - 1)); done; exec "$@"')


@dataclass
class Choice:
    """The cgroup mechanism of a machine: ``kind`` and where it lives, or why none."""

    kind: str                                  # v2 / v1 / systemd / none
    paths: dict = field(default_factory=dict)  # v2: {"unified": dir}; v1: {"memory": dir, "pids": dir}
    reason: str = ""                           # for "none" (and for what was passed over)
    nest: dict = field(default_factory=dict)   # v1: {controller: the grader's own group path}
    parent: str = "autograder"                 # the folder the groups are made in


def parse_mounts(text):
    """``/proc/mounts`` text -> ``(cgroup2 mount points, {v1 controller: mount point})``."""
    v2, v1 = [], {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        _, where, fstype, options = parts[:4]
        where = where.replace("\\040", " ")
        if fstype == "cgroup2":
            v2.append(where)
        elif fstype == "cgroup":
            for opt in options.split(","):
                if opt in ("memory", "pids"):
                    v1.setdefault(opt, where)
    return v2, v1


def choose(mounts_text, fs_root="/", euid=0, which=shutil.which):
    """The best mechanism here (see the module's docstring); paths are under ``fs_root``."""
    root = Path(fs_root)
    if euid != 0:
        return Choice("none", reason="not running as root (cgroups need root)")
    v2, v1 = parse_mounts(mounts_text)
    passed = []
    for mount in v2:
        path = root / mount.lstrip("/")
        try:
            controllers = (path / "cgroup.controllers").read_text().split()
        except OSError:
            continue
        if {"memory", "pids"} <= set(controllers) and os.access(path, os.W_OK):
            return Choice("v2", {"unified": str(path)})
        passed.append(f"cgroup2 at {mount} has no memory+pids controllers")
    if "memory" in v1 and "pids" in v1:
        paths = {c: str(root / v1[c].lstrip("/")) for c in ("memory", "pids")}
        if all(os.access(p, os.W_OK) for p in paths.values()):
            return Choice("v1", paths)
        passed.append("cgroup v1 memory/pids not writable")
    elif v1:
        passed.append("cgroup v1 lacks " + " and ".join(c for c in ("memory", "pids") if c not in v1))
    if (root / "run/systemd/system").is_dir() and which("systemd-run"):
        return Choice("systemd", reason="; ".join(passed))
    passed.append("no systemd")
    return Choice("none", reason="; ".join(passed) or "no cgroup file system mounted")


def own_groups(text):
    """``/proc/self/cgroup`` text -> ``{v1 controller: the group path it is in}``."""
    out = {}
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3 and parts[1]:
            for controller in parts[1].split(","):
                out[controller] = parts[2]
    return out


def detect(config):
    """The mechanism of this machine for a :class:`~autograder.config.GradingConfig`
    (``config.cgroups`` False, ``AUTOGRADER_NO_CGROUPS=1``, forces ``none``)."""
    if not config.cgroups:
        return Choice("none", reason="disabled by AUTOGRADER_NO_CGROUPS=1")
    try:
        mounts = Path("/proc/mounts").read_text()
    except OSError:
        mounts = ""
    choice = choose(mounts, euid=os.geteuid())
    choice.parent = config.cgroup_parent
    if choice.kind == "v1":
        own = own_groups(_read("/proc/self/cgroup"))
        choice.nest = {c: own[c] for c in ("memory", "pids") if own.get(c, "/") != "/"}
    return choice


class Group:
    """A cgroup holding one kernel. ``Group(choice, ...)`` makes the class of ``choice.kind``
    (:data:`GROUP_KINDS`): v2 or v1 directories, a systemd scope, or none."""

    kind = ""
    limit_file = "memory.max"   # the memory limit's file (v2's; "max" means none)

    def __new__(cls, choice=None, *args, **kwargs):
        if cls is Group:
            cls = GROUP_KINDS[choice.kind]
        return super().__new__(cls)

    def __init__(self, choice, memory_bytes, pids_max, name=None):
        self.memory_bytes, self.pids_max = memory_bytes, pids_max
        self.name = name or f"kernel-{os.getpid()}-{secrets.token_hex(4)}"
        self.dirs = self._folders(choice, choice.parent.strip("/"))
        # the memory hierarchy's mount: where available_mb() stops looking for limits
        self._mount = Path(self._memory_mount(choice) or "/sys/fs/cgroup")

    def _folders(self, choice, parent):
        """The group's directories, the memory one first (none for a systemd scope)."""
        return []

    @staticmethod
    def _memory_mount(choice):
        """Where the memory hierarchy is mounted, if the choice says."""
        return choice.paths.get("memory")

    # -- set-up -----------------------------------------------------------------------
    def create(self):
        """Make the group and set its limits; an OSError says why it could not."""
        made = []
        try:
            for d in self.dirs:
                d.parent.mkdir(parents=True, exist_ok=True)
                d.mkdir()      # never an existing one: it could be another kernel's
                made.append(d)
            self._set_limits()
        except OSError:
            kill_and_remove(made, timeout=2.0)
            raise
        return self

    def _set_limits(self):
        """Write the limits into the group's files (a scope gets its own from systemd)."""

    def wrap(self, argv):
        """``argv`` started inside the group (its first process joins before exec)."""
        files = [str(d / "cgroup.procs") for d in self.dirs]
        return ["/bin/sh", "-c", _ENTER, "cgroup-enter", str(len(files)), *files, *argv]

    # -- counters ---------------------------------------------------------------------
    def oom_kills(self):
        """How many processes the kernel's OOM killer ended in this group so far."""
        folder = self._memory_dir()
        return _counter(_read(folder / "memory.events") if folder else "", "oom_kill")

    def available_mb(self):
        """The memory its processes really have (MB): the smallest limit on the way from the
        group up to its hierarchy's root, so a box put around the grader counts (its kernels'
        groups nest inside it); None when no limit is readable."""
        folder = self._memory_dir()
        if folder is None:
            return None
        limits = [int(v) for d in up_to(folder, self._mount)
                  if (v := _read(d / self.limit_file).strip()).isdigit()]
        return min(limits) / 2**20 if limits else None

    def pids_refused(self):
        """How many times a fork or thread start was refused at the process limit."""
        folder = self.dirs[-1] if self.dirs else self._memory_dir()
        return _counter(_read(folder / "pids.events"), "max") if folder else 0

    def _memory_dir(self):
        return self.dirs[0] if self.dirs else None

    # -- tear-down --------------------------------------------------------------------
    def destroy(self, timeout=10.0):
        """Kill every process left in the group, then remove it."""
        kill_and_remove(self.dirs, timeout)

    def record(self):
        """What a later grader needs to clean up after this one (JSON-able)."""
        return [str(d) for d in self.dirs]


class V2Group(Group):
    """One directory of the unified (v2) hierarchy, under ``<mount>/<parent>/``."""

    kind = "v2"

    def _folders(self, choice, parent):
        return [Path(choice.paths["unified"]) / parent / self.name]

    @staticmethod
    def _memory_mount(choice):
        return choice.paths.get("unified")

    def create(self):
        """Enable the controllers down to the group's parent, then make the group."""
        folder = self._mount
        self._enable(folder)
        for part in self.dirs[0].parent.relative_to(self._mount).parts:
            folder = folder / part
            self._enable(folder)
        return super().create()

    def _set_limits(self):
        _write(self.dirs[0] / "memory.max", self.memory_bytes)
        _write(self.dirs[0] / "memory.swap.max", 0, optional=True)   # no swapping out
        _write(self.dirs[0] / "pids.max", self.pids_max)

    @staticmethod
    def _enable(folder):
        folder.mkdir(exist_ok=True)
        control = folder / "cgroup.subtree_control"
        enabled = control.read_text().split() if control.exists() else []
        missing = [c for c in ("memory", "pids") if c not in enabled]
        if missing:
            _write(folder / "cgroup.subtree_control", " ".join(f"+{c}" for c in missing))


class V1Group(Group):
    """A directory in each of the memory and pids (v1) hierarchies, inside the grader's own
    group of each."""

    kind = "v1"
    limit_file = "memory.limit_in_bytes"

    def _folders(self, choice, parent):
        return [Path(choice.paths[c]) / choice.nest.get(c, "").strip("/") / parent / self.name
                for c in ("memory", "pids")]

    def _set_limits(self):
        mem, pids = self.dirs
        _write(mem / "memory.limit_in_bytes", self.memory_bytes)
        _write(mem / "memory.memsw.limit_in_bytes", self.memory_bytes, optional=True)
        _write(mem / "memory.swappiness", 0, optional=True)
        _write(pids / "pids.max", self.pids_max)

    def oom_kills(self):
        return _counter(_read(self.dirs[0] / "memory.oom_control"), "oom_kill")


class SystemdGroup(Group):
    """A transient systemd scope (``systemd-run --scope``): systemd makes and limits it."""

    kind = "systemd"

    def wrap(self, argv):
        return ["systemd-run", "--scope", "--quiet", "--collect", f"--unit={self.name}",
                "-p", f"MemoryMax={self.memory_bytes}", "-p", "MemorySwapMax=0",
                "-p", f"TasksMax={self.pids_max}", "--", *argv]

    def _memory_dir(self):
        out = subprocess.run(["systemctl", "show", "-p", "ControlGroup", "--value",
                              f"{self.name}.scope"], capture_output=True, text=True)
        if out.stdout.strip():
            return Path("/sys/fs/cgroup") / out.stdout.strip().lstrip("/")
        return None

    def destroy(self, timeout=10.0):
        subprocess.run(["systemctl", "kill", "--signal=KILL", f"{self.name}.scope"],
                       capture_output=True)
        subprocess.run(["systemctl", "stop", f"{self.name}.scope"], capture_output=True)


class NoGroup(Group):
    """No cgroup: the kernel's processes are limited one by one (the caller warns)."""

    kind = "none"


GROUP_KINDS = {g.kind: g for g in (V2Group, V1Group, SystemdGroup, NoGroup)}


def up_to(folder, stop):
    """``folder`` and its parents, up to ``stop`` (a hierarchy's mount) or ``/``: where a
    limit set on an enclosing group (a box around the grader) is found."""
    for d in [Path(folder), *Path(folder).parents]:
        yield d
        if d == stop or d.parent == d:
            return


def kill_and_remove(dirs, timeout=10.0):
    """SIGKILL the processes of cgroup folders ``dirs`` and of the groups nested in them
    (a box holds the grader's own kernel groups) until they are empty; remove them all,
    the deepest first."""
    tops = [Path(d) for d in dirs if Path(d).is_dir()]
    dirs = [Path(root) for top in tops for root, _, _ in os.walk(top, topdown=False)]
    for d in dirs:
        _write(d / "cgroup.kill", 1, optional=True)   # v2 (Linux 5.14+): all at once
    deadline = time.monotonic() + timeout
    while dirs:
        pids = {int(p) for d in dirs for p in _read(d / "cgroup.procs").split()}
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if not pids:
            for d in list(dirs):
                try:
                    d.rmdir()
                    dirs.remove(d)
                except FileNotFoundError:
                    dirs.remove(d)
                except OSError:   # EBUSY: the last ones are still exiting
                    pass
        if dirs and time.monotonic() > deadline:
            return False
        if dirs:
            time.sleep(0.02)
    return True


def _write(path, value, optional=False):
    try:
        with open(path, "w") as fh:
            fh.write(f"{value}\n")
    except OSError:
        if not optional:
            raise


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _counter(text, key):
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == key:
            return int(parts[1])
    return 0
