"""Helpers shared by the benchmark sections: subprocess runs, medians, deadlines, atomic files."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


class BenchError(RuntimeError):
    """A measurement could not be taken; the message says which and why."""


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def rounded(x, digits=4):
    return None if x is None else round(float(x), digits)


class Deadline:
    """The whole run's time budget: ``remaining()`` seconds left (never negative)."""

    def __init__(self, seconds):
        self.start = time.monotonic()
        self.seconds = float(seconds)

    def elapsed(self):
        return time.monotonic() - self.start

    def remaining(self):
        return max(0.0, self.seconds - self.elapsed())


def python_json(code, *args, env=None, cwd=None, timeout=600):
    """Run ``python -c code *args`` in a fresh interpreter; its last stdout line is JSON.

    Returns ``(parsed, wall_seconds)``; raises :class:`BenchError` with the stderr tail.
    """
    return command_json([sys.executable, "-c", code, *map(str, args)], env=env, cwd=cwd,
                        timeout=timeout)


def command_json(argv, env=None, cwd=None, timeout=600):
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BenchError(f"{' '.join(argv[:4])}...: no answer within {timeout:.0f} s") from None
    wall = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode != 0 or not lines:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise BenchError(f"subprocess failed (exit {proc.returncode}):\n{tail}")
    try:
        return json.loads(lines[-1]), wall
    except json.JSONDecodeError:
        raise BenchError(f"subprocess printed no JSON result; last line: {lines[-1][:300]}") from None


def importable():
    """``PYTHONPATH`` for a child ``python -m benchmarks.<module>``: the repository's root
    (which holds this package) first, then what this process was given."""
    root = str(Path(__file__).resolve().parent.parent)
    return os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])


def child_env(**extra):
    """This process's environment with ``extra`` set (value None: removed)."""
    env = dict(os.environ)
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def write_atomic(path, text):
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_json_atomic(path, data):
    write_atomic(path, json.dumps(data, indent=2, sort_keys=False, default=str) + "\n")
