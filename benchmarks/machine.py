"""What the numbers were measured on: machine, load, library versions, git state, date."""
import datetime
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = [("numpy", "numpy"), ("torch", "torch"), ("tensorflow", "tensorflow-cpu"),
            ("keras", "keras"), ("nbgrader", "nbgrader"), ("nbclient", "nbclient"),
            ("jupyter_client", "jupyter_client"), ("ipykernel", "ipykernel")]
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def cpu_times():
    """Machine-wide CPU seconds since boot from ``/proc/stat``: ``{"busy": s, "steal": s}``.

    busy = user + nice + system + irq + softirq + steal (every CPU, all processes); steal is
    the time a virtual machine's CPUs waited for the host. ``None`` where /proc/stat is missing.
    The difference over a section, minus the benchmark's own CPU time, is what *other*
    processes (or the host) took from the machine while it was measured.
    """
    try:
        with open("/proc/stat") as fh:
            fields = fh.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    values = [int(v) for v in fields[1:9]] + [0] * max(0, 9 - len(fields))
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    tick = os.sysconf("SC_CLK_TCK")
    return {"busy": (user + nice + system + irq + softirq + steal) / tick, "steal": steal / tick}


def machine():
    import psutil

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    mem = psutil.virtual_memory()
    return {
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": usable,
        "physical_cores": psutil.cpu_count(logical=False),
        "memory_gb": round(mem.total / 2**30, 1),
        "memory_available_gb": round(mem.available / 2**30, 1),
        "platform": platform.platform(),
        "load_average_start": load_average(),
        "thread_env": {v: os.environ.get(v) for v in THREAD_VARS if os.environ.get(v)},
    }


def _version(dist):
    for name in (dist, dist.replace("-cpu", "")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def blas():
    """NumPy's BLAS (name and version) without importing anything heavy."""
    try:
        import numpy as np

        cfg = np.show_config(mode="dicts")
        lib = cfg["Build Dependencies"]["blas"]
        return f"{lib.get('name', '?')} {lib.get('version', '')}".strip()
    except Exception:  # noqa: BLE001 - informational only
        return None


def versions():
    out = {"python": platform.python_version(), "python_executable": sys.executable}
    for key, dist in PACKAGES:
        out[key] = _version(dist)
    out["numpy_blas"] = blas()
    return out


def git_state(root):
    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                  timeout=20).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""

    commit = git("rev-parse", "HEAD")
    changed = git("status", "--porcelain")
    return {"commit": commit or None,
            "uncommitted_changes": len(changed.splitlines()) if commit else None}


def now():
    local = datetime.datetime.now().astimezone()
    return {"local": local.isoformat(timespec="seconds"),
            "utc": local.astimezone(datetime.timezone.utc).isoformat(timespec="seconds")}
