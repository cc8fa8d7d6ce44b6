"""How much CPU this process really has: its affinity mask, capped by the CPU quota of the
cgroups it is in (Gradescope's default container: half a CPU). A kernel given more
OpenMP/BLAS threads than that spins them against the quota: hw3's helper measured a
small training epoch at 30-50 s with 2 threads in a half-CPU box, 1.5 s with one."""
import os
from pathlib import Path

from .cgroup import own_groups, up_to


def _v1_share(d):
    """``quota / period`` of one v1 cpu group, None when it sets no quota."""
    try:
        quota = int((d / "cpu.cfs_quota_us").read_text())
        period = int((d / "cpu.cfs_period_us").read_text())
    except (OSError, ValueError):
        return None
    return quota / period if quota > 0 and period > 0 else None


def _v2_share(d):
    """``cpu.max`` of one v2 group as CPUs, None when it sets no quota."""
    try:
        quota, period = (d / "cpu.max").read_text().split()
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        return None


def _smallest(share, folder, stop):
    """The smallest quota ``share`` gives from ``folder`` up to ``stop``; None if none is set."""
    shares = [q for d in up_to(folder, stop) if (q := share(d)) is not None]
    return min(shares) if shares else None


def cpu_quota(mounts_text, cgroup_text, fs_root="/"):
    """The CPU share the cgroups in ``cgroup_text`` (``/proc/self/cgroup``) allow, in CPUs;
    None when no quota is set. Pure: unit-tested on fake trees under ``fs_root``."""
    root = Path(fs_root)
    own = own_groups(cgroup_text)
    v2_path = next((line.split(":", 2)[2] for line in cgroup_text.splitlines() if line.startswith("0::")), None)
    found = []
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        where, fstype, options = root / parts[1].lstrip("/"), parts[2], parts[3].split(",")
        if fstype == "cgroup" and "cpu" in options and "cpu" in own:
            found.append(_smallest(_v1_share, where / own["cpu"].lstrip("/"), where))
        elif fstype == "cgroup2" and v2_path is not None:
            found.append(_smallest(_v2_share, where / v2_path.lstrip("/"), where))
    found = [q for q in found if q is not None]
    return min(found) if found else None


def available_cpus():
    """CPUs this process may use (a float: 0.5 in Gradescope's default container)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota = cpu_quota(Path("/proc/mounts").read_text(), Path("/proc/self/cgroup").read_text())
    except OSError:
        quota = None
    return min(count, quota) if quota else float(count)


def kernel_threads(at_most=2):
    """Threads for a student's kernel: ``at_most``, but never more than whole CPUs it has
    (at least 1)."""
    return max(1, min(at_most, int(available_cpus())))
