"""Running one notebook in a Jupyter kernel and measuring it: what section 3
(:mod:`.notebooks`) does to every source notebook and what its control row
(:mod:`.harness_ratio`) compares with a plain process. Also how the RESULT lines a notebook
prints are read (the convention: :mod:`.notebooks`).

:func:`run_notebook` executes a notebook with nbclient in a scratch folder (the environment:
:func:`notebook_env`) while a :class:`KernelMeter` reads the kernel's peak memory (``VmHWM``
after every cell) and CPU time, and its children's RSS every 0.25 s.
"""
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from .common import rounded

RESULT_LINE = re.compile(r"^RESULT[ \t]+(\S.*?)\s*$", re.M)
PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"]*\"|'[^']*'|\S+)")
ACCURACY_KEYS = ("test_accuracy", "val_accuracy")


class ResultLineError(ValueError):
    pass


def parse_value(text):
    """``"5"`` -> 5, ``"0.98"`` -> 0.98, ``"98.1%"`` -> 0.981, anything else stays a string."""
    text = text.strip("\"'")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        return text


def parse_results(text):
    """Every RESULT line of ``text`` as a dict (``name`` defaults to ``main``).

    Raises :class:`ResultLineError` for a RESULT line with a malformed pair or an accuracy
    that is not a fraction in [0, 1].
    """
    results = []
    for m in RESULT_LINE.finditer(text):
        body = m.group(1)
        pairs = PAIR.findall(body)
        leftover = PAIR.sub("", body).strip()
        if not pairs or leftover:
            raise ResultLineError(f"malformed RESULT line {m.group(0)!r}: expected key=value pairs")
        entry = {"name": "main"}
        for key, value in pairs:
            entry[key] = parse_value(value)
        for key in ACCURACY_KEYS:
            if key in entry and not (isinstance(entry[key], (int, float)) and 0.0 <= entry[key] <= 1.0):
                raise ResultLineError(f"{key}={entry[key]!r} in {m.group(0)!r} is not a fraction in [0, 1]")
        results.append(entry)
    return results


def stdout_text(nb):
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                parts.append(output.get("text", ""))
    return "".join(parts)


def _status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class KernelMeter:
    """Peak memory and CPU time of the notebook's kernel process (and its children)."""

    def __init__(self):
        self.pid = None
        self.hwm_kb = 0
        self.children_peak = 0
        self.cpu_s = 0.0
        self._stop = threading.Event()
        self._thread = None

    def attach(self, pid):
        self.pid = pid
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def read(self):
        import psutil

        if self.pid is None:
            return
        hwm = _status_kb(self.pid, "VmHWM")
        if hwm:
            self.hwm_kb = max(self.hwm_kb, hwm)
        try:
            proc = psutil.Process(self.pid)
            t = proc.cpu_times()
            self.cpu_s = max(self.cpu_s, t.user + t.system)
            rss = 0
            for child in proc.children(recursive=True):
                try:
                    rss += child.memory_info().rss
                except psutil.Error:
                    pass
            self.children_peak = max(self.children_peak, rss)
        except psutil.Error:
            pass

    def _sample(self):
        while not self._stop.wait(0.25):
            self.read()

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)


def notebook_env(env_extra=None):
    """The environment a measured notebook runs in: this one without ``HWLIB_GRADING``
    (full configuration), progress bars off, a non-interactive matplotlib."""
    env = {k: v for k, v in os.environ.items() if k != "HWLIB_GRADING"}
    env.update({"HWLIB_NO_PROGRESS": "1", "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "2",
                "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env_extra or {})})
    return env


def run_notebook(path, timeout_s, env_extra=None, nb=None):
    """Execute one notebook (``nb``, default: the file) in a scratch folder beside copies of
    the files next to ``path``; returns the measurements as a dict."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nb if nb is not None else nbformat.read(str(path), as_version=4)
    meter = KernelMeter()
    env = notebook_env(env_extra)
    out = {"status": "ok", "error": None}
    with tempfile.TemporaryDirectory(prefix="bench-nb-") as tmp:
        for extra in Path(path).parent.iterdir():      # data/helper files next to the notebook
            if extra.is_file() and extra.suffix != ".ipynb" and extra.name != "README.md":
                shutil.copy2(extra, tmp)
        start = time.perf_counter()
        end_by = start + timeout_s

        def cell_timeout(cell):
            return max(1, int(end_by - time.perf_counter()))

        client = NotebookClient(nb, timeout_func=cell_timeout, kernel_name="python3",
                                resources={"metadata": {"path": tmp}},
                                on_notebook_start=lambda **_: meter.attach(client.km.provisioner.pid),
                                on_cell_executed=lambda **_: meter.read())
        log_path = Path(tmp) / ".kernel-stderr.log"
        with open(log_path, "w") as log:     # the kernel's own stderr (its log, crashes)
            try:
                client.execute(env=env, cwd=tmp, stderr=log)
            except CellTimeoutError:
                out.update(status="timeout", error=f"stopped after {timeout_s:.0f} s (time limit)")
            except CellExecutionError as exc:
                lines = [ln for ln in str(exc).strip().splitlines() if ln.strip()]
                out.update(status="error", error=(lines[-1] if lines else repr(exc))[:500])
            except Exception as exc:  # noqa: BLE001 - kernel died, could not start, ...
                tail = " | ".join(log_path.read_text(errors="replace").strip().splitlines()[-3:])
                out.update(status="error", error=f"{type(exc).__name__}: {exc} {tail}"[:800])
            finally:
                meter.stop()
        wall = time.perf_counter() - start
    cells_run = sum(1 for c in nb.cells if c.cell_type == "code" and c.get("execution_count"))
    try:
        results, parse_error = parse_results(stdout_text(nb)), None
    except ResultLineError as exc:
        results, parse_error = [], str(exc)
    out.update(wall_s=rounded(wall, 1), cpu_s=rounded(meter.cpu_s, 1),
               cores_busy=rounded(meter.cpu_s / wall, 2) if wall else None,
               peak_rss_mb=rounded(meter.hwm_kb / 1024, 0) if meter.hwm_kb else None,
               children_peak_rss_mb=rounded(meter.children_peak / 2**20, 0),
               code_cells_run=cells_run,
               code_cells=sum(1 for c in nb.cells if c.cell_type == "code"),
               results=results, parse_error=parse_error)
    return out
