"""A pool of sandbox uids, one per running kernel, shared by every grader on the machine.

Each uid of the range has a lock file in the pool folder; a kernel holds an exclusive
``flock`` on its uid's file for as long as it runs. Locks belong to open files, so a
grader that dies (even by SIGKILL) releases its uids at once, and two gradings never
share a uid: per-uid limits (RLIMIT_NPROC) and "kill every process of the uid" then
concern one submission only.

Configuration (:class:`~autograder.config.GradingConfig`, from the environment):

- ``AUTOGRADER_UID_POOL``: the range, ``FIRST-LAST`` (default ``30000-30999``). Uids that
  name a user in the password database are skipped: their processes are never killed.
- ``AUTOGRADER_UID_POOL_DIR``: the lock folder (default ``/run/lock/autograder-uids``,
  else ``/var/lock/...``), created 0755, owned by root; lock files are 0600.

The lock file also records what the holder set up outside its own process (cgroups,
mounts, see :meth:`UidLease.record`), so the next holder of the uid can clean up after a
grader that was killed before it could.
"""
import errno
import fcntl
import json
import os
import pwd
import random
import signal
import time
from pathlib import Path

DEFAULT_RANGE = "30000-30999"
DEFAULT_DIRS = ("/run/lock/autograder-uids", "/var/lock/autograder-uids")


class UidPoolError(RuntimeError):
    """The pool is misconfigured or every uid is taken."""


def parse_range(text):
    """``"30000-30999"`` -> ``(30000, 30999)``; a clear error for anything else."""
    try:
        first, last = (int(part) for part in str(text).split("-"))
    except ValueError:
        raise UidPoolError(f"AUTOGRADER_UID_POOL={text!r} is not a range: write FIRST-LAST, "
                           f"e.g. {DEFAULT_RANGE}") from None
    if not 1000 <= first <= last < 2**31:
        raise UidPoolError(f"AUTOGRADER_UID_POOL={text!r}: need 1000 <= FIRST <= LAST "
                           "(system uids below 1000 are never used)")
    return first, last


def default_dir(configured=None):
    """The lock folder: ``configured`` (``AUTOGRADER_UID_POOL_DIR``) or the first usable default."""
    if configured:
        return Path(configured)
    for folder in DEFAULT_DIRS:
        if Path(folder).parent.is_dir():
            return Path(folder)
    return Path(DEFAULT_DIRS[0])


class UidLease:
    """One uid, held until :meth:`release` (or the holder's death)."""

    def __init__(self, uid, fd):
        self.uid, self._fd = uid, fd

    @property
    def held(self):
        return self._fd is not None

    def record(self, **leftovers):
        """Note what must be cleaned up if this holder dies (cgroup paths, mount points)."""
        data = json.dumps({"pid": os.getpid(), **leftovers}).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)

    def release(self):
        """Kill what is left of the uid's processes, then free the uid."""
        if self._fd is None:
            return
        kill_processes_of(self.uid)
        os.ftruncate(self._fd, 0)
        os.close(self._fd)      # closing drops the flock
        self._fd = None


class UidPool:
    """Uids ``first..last``, allocated atomically across processes through ``folder``."""

    def __init__(self, first, last, folder):
        self.first, self.last, self.folder = first, last, Path(folder)

    @classmethod
    def from_config(cls, config):
        """The pool a :class:`~autograder.config.GradingConfig` names (its range and folder)."""
        first, last = parse_range(config.uid_pool or DEFAULT_RANGE)
        return cls(first, last, default_dir(config.uid_pool_dir))

    def describe(self):
        return f"{self.first}-{self.last}"

    def acquire(self, cleanup=None):
        """A free uid of the pool, with no process left of it.

        ``cleanup(leftovers)`` is called with what a dead earlier holder recorded.
        """
        self._make_folder()
        uids = list(range(self.first, self.last + 1))
        start = random.randrange(len(uids))   # spread the holders: fewer collisions
        for uid in uids[start:] + uids[:start]:
            if _is_named_user(uid):
                continue
            path = self.folder / f"{uid}.lock"
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
                    continue
                raise
            leftovers = _read_record(fd)
            if leftovers and cleanup is not None:
                cleanup(leftovers)
            kill_processes_of(uid)
            return UidLease(uid, fd)
        raise UidPoolError(f"every uid of the pool {self.describe()} is in use ({self.folder}): "
                           "run fewer gradings at once or widen AUTOGRADER_UID_POOL")

    def _make_folder(self):
        try:
            self.folder.mkdir(mode=0o755, parents=True, exist_ok=True)
        except OSError as exc:
            raise UidPoolError(f"cannot create the uid pool folder {self.folder} ({exc.strerror}): "
                               "set AUTOGRADER_UID_POOL_DIR to a folder root can write") from None
        st = self.folder.stat()
        if st.st_uid not in (0, os.geteuid()) or st.st_mode & 0o022:
            raise UidPoolError(f"the uid pool folder {self.folder} must be owned by root and not "
                               f"writable by others (chown root {self.folder}; chmod 755 {self.folder})")


def _is_named_user(uid):
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


def _read_record(fd):
    raw = os.pread(fd, 65536, 0)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def processes_of(uid):
    """Live pids whose real uid is ``uid`` (every PID namespace: the host's /proc);
    zombies are left out (they are dead already, and cannot be killed)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as fh:
                status = dict(line.split(":", 1) for line in fh if ":" in line)
            if int(status["Uid"].split()[0]) == uid and not status["State"].strip().startswith("Z"):
                found.append(int(name))
        except (OSError, ValueError, KeyError):
            pass
    return found


def kill_processes_of(uid, timeout=10.0):
    """SIGKILL every process of ``uid`` until none is left (a fork bomb included: a killed
    process forks no more, and the children it made are found by the next scan)."""
    deadline = time.monotonic() + timeout
    while True:
        pids = processes_of(uid)
        if not pids:
            return True
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
