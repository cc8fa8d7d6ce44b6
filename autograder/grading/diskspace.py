"""A size-limited tmpfs for one kernel: its working folder and its ``/tmp`` together.

As root, :class:`Scratch` mounts a tmpfs of ``size_mb`` beside the working folder and
bind-mounts its ``work`` folder onto the working folder (so the grader still finds the
folder where it made it) and its ``tmp`` folder is what bubblewrap shows as ``/tmp``
(writable only by a kernel that runs as root, as before).
When it is full, the student's writes fail with ENOSPC (``No space left on device``);
the host's disk is not touched at all. tmpfs pages live in RAM (no swap here) and are
charged to the memory cgroup of the process that wrote them, so they count against the
kernel's memory limit too.
"""
import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

MS_NOSUID, MS_NODEV, MS_BIND = 0x2, 0x4, 0x1000
MNT_DETACH = 0x2


class Scratch:
    """A bounded writable space mounted on ``workdir`` (call :meth:`mount`, then :meth:`unmount`)."""

    def __init__(self, workdir, size_mb, uid=None):
        self.workdir, self.size_mb, self.uid = Path(workdir), int(size_mb), uid
        self.space = None       # the tmpfs mount point, beside the working folder

    @property
    def tmp(self):
        """The folder shown as ``/tmp`` in the sandbox."""
        return self.space / "tmp"

    def mount(self):
        """Mount it; raises OSError (with the reason) where mounting is not allowed."""
        self.space = Path(tempfile.mkdtemp(prefix="space-", dir=self.workdir.parent))
        owner = self.uid if self.uid is not None else os.geteuid()
        try:
            _mount("tmpfs", self.space, "tmpfs", MS_NOSUID | MS_NODEV,
                   f"size={self.size_mb}m,mode=0700,uid={owner},gid={owner}")
            (self.space / "work").mkdir(mode=0o700)
            os.chown(self.space / "work", owner, owner)
            # /tmp stays the grader's (0755), as bubblewrap's own --tmpfs /tmp was: a kernel
            # under its own uid cannot write there (Python's tempfile then uses the working
            # folder); one running as root writes there, inside the same bound.
            (self.space / "tmp").mkdir(mode=0o755)
            # what the grader left in the working folder (nothing, for a new kernel) moves in
            for entry in self.workdir.iterdir():
                shutil.move(str(entry), str(self.space / "work" / entry.name))
            _mount(str(self.space / "work"), self.workdir, None, MS_BIND, None)
        except OSError:
            self.unmount()
            raise
        return self

    def records(self):
        """The mount points, innermost first (for a later cleanup after a crash)."""
        return [str(self.workdir), str(self.space)] if self.space else []

    def unmount(self):
        """Detach both mounts (the RAM is freed when the last process using them exits)."""
        if self.space is None:
            return
        unmount_all([str(self.workdir), str(self.space)])
        try:
            self.space.rmdir()
        except OSError:
            pass
        self.space = None


def unmount_all(points):
    """Lazily unmount each path in ``points`` that is a mount point."""
    for point in points:
        if os.path.ismount(point):
            _umount(point)


def can_mount():
    """Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as a probe)."""
    if os.geteuid() != 0:
        return False
    probe = Path(tempfile.mkdtemp(prefix="autograder-probe-"))
    try:
        _mount("tmpfs", probe, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m")
        _umount(str(probe))
        return True
    except OSError:
        return False
    finally:
        probe.rmdir()


_libc = None


def _lib():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _enc(text):
    return None if text is None else str(text).encode()


def _mount(source, target, fstype, flags, data):
    if _lib().mount(_enc(source), _enc(target), _enc(fstype), ctypes.c_ulong(flags), _enc(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {fstype or 'bind'} on {target}: {os.strerror(err)}")


def _umount(target):
    if _lib().umount2(str(target).encode(), MNT_DETACH) != 0 and ctypes.get_errno() != errno.EINVAL:
        err = ctypes.get_errno()
        raise OSError(err, f"umount {target}: {os.strerror(err)}")
