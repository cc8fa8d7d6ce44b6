"""Execute notebooks with a real Jupyter kernel (nbclient) and read each cell's outcome."""
import copy
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from . import cells as C

# The grading configuration every notebook sees (see hwlib.budget and hwlib.utils.progress).
GRADING_ENV = {
    "HWLIB_GRADING": "1",
    "HWLIB_NO_PROGRESS": "1",
    "MPLBACKEND": "Agg",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONWARNINGS": "ignore",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@dataclass
class CellOutcome:
    """What happened when one cell ran."""

    index: int
    grade_id: str = None
    ran: bool = False
    error: str = None       # "ExceptionName: message" (last line of the error), or None
    stderr: str = ""
    seconds: float = 0.0

    @property
    def ok(self):
        return self.ran and self.error is None


@dataclass
class RunResult:
    outcomes: dict = field(default_factory=dict)   # notebook cell index -> CellOutcome
    seconds: float = 0.0
    fatal: str = None                              # kernel died / timed out

    def test_passed(self, index):
        o = self.outcomes.get(index)
        return o is not None and o.ok


@contextmanager
def _env(extra):
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def error_of(cell):
    """``"Name: message"`` of the cell's error output, or None."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}".strip()
    return None


def stderr_of(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def run(nb, only=None, cwd=None, env=None, cell_timeout=300, kernel_name="python3"):
    """Run ``nb`` (or only the cell indices in ``only``, in order) in a fresh kernel.

    Errors do not stop the run (like nbgrader's autograde). Returns a :class:`RunResult`
    keyed by the *original* cell indices.
    """
    indices = list(range(len(nb.cells))) if only is None else sorted(only)
    sub = copy.deepcopy(nb)
    sub.cells = [copy.deepcopy(nb.cells[i]) for i in indices]
    result = RunResult()
    workdir = cwd or tempfile.mkdtemp(prefix="autograder-run-")
    # IPC (unix socket) transport: no TCP ports, works without a network namespace's loopback.
    km = KernelManager(kernel_name=kernel_name, transport="ipc")
    km.connection_file = os.path.join(tempfile.mkdtemp(prefix="kernel-"), "kernel.json")
    client = NotebookClient(sub, km=km, timeout=cell_timeout, kernel_name=kernel_name,
                            allow_errors=True, resources={"metadata": {"path": str(workdir)}})
    start = time.perf_counter()
    try:
        with _env({**GRADING_ENV, **(env or {})}):
            client.reset_execution_trackers()
            with client.setup_kernel():
                for pos, cell in enumerate(sub.cells):
                    idx = indices[pos]
                    out = CellOutcome(idx, C.grade_id(cell))
                    t = time.perf_counter()
                    try:
                        client.execute_cell(cell, pos)
                    except CellTimeoutError:
                        out.error = f"Timeout: the cell ran longer than {cell_timeout} s"
                        result.fatal = out.error
                    except DeadKernelError as exc:
                        out.error = f"DeadKernel: the kernel died ({exc})"
                        result.fatal = out.error
                    out.seconds = time.perf_counter() - t
                    if cell.cell_type == "code":
                        out.ran = result.fatal is None or out.error is not None
                        out.error = out.error or error_of(cell)
                        out.stderr = stderr_of(cell)
                    result.outcomes[idx] = out
                    if result.fatal:
                        break
    finally:
        if km.has_kernel:  # we own km, so nbclient leaves the shutdown to us
            km.shutdown_kernel(now=True)
        shutil.rmtree(os.path.dirname(km.connection_file), ignore_errors=True)
        result.seconds = time.perf_counter() - start
        if cwd is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return result
