"""A Jupyter kernel inside the sandbox, driven cell by cell (real ipykernel, jupyter_client)."""
import os
import queue
import shutil
import tempfile
import time

import nbformat
from jupyter_client.manager import KernelManager

from .._compat import StrEnum
from ..remote.client import RemoteKernel, agent_bootstrap
from ..remote.protocol import box_of
from .sandbox import give_tree

MAX_STREAM_CHARS = 20_000      # per cell; a notebook printing 100 MB keeps the first 20 kB
MAX_OUTPUTS = 50


class RunStatus(StrEnum):
    """How running one cell in the kernel ended."""

    OK = "ok"
    ERROR = "error"        # the cell raised; the kernel is fine
    TIMEOUT = "timeout"    # interrupted (or killed) at its time limit
    DIED = "died"          # the kernel process ended (os._exit, a crash, a resource limit)

    @property
    def broke_kernel(self):
        """True when the kernel can no longer be trusted to hold this cell's effects."""
        return self in (RunStatus.TIMEOUT, RunStatus.DIED)


class SandboxedKernelManager(KernelManager):
    """A KernelManager whose launch command runs inside a :class:`Sandbox`."""

    sandbox = None

    def format_kernel_cmd(self, extra_arguments=None):
        # In its own PID namespace the kernel's parent is pid 1, which ipykernel's parent
        # poller reads as "my parent died"; bubblewrap's --die-with-parent does that job.
        cmd = super().format_kernel_cmd(extra_arguments) + ["--IPKernelApp.parent_handle=1"]
        return self.sandbox.wrap(cmd)


class StudentKernel:
    """One sandboxed kernel for one submission: run cells, answer the grader's requests."""

    def __init__(self, sandbox, env, kernel_name="python3", call_timeout=60.0):
        self.sandbox, self.env, self.kernel_name = sandbox, env, kernel_name
        self.call_timeout = call_timeout
        self.km = self.kc = self.remote = self.mailbox = None

    # -- life cycle -----------------------------------------------------------------
    def start(self):
        # A new mailbox for every kernel, beside the submission's folder (in the grader's
        # folder, which the student's uid cannot change), never inside it: the grader
        # writes there as root, so the student must not be able to swap it for a symlink
        # or leave files in it for the next kernel.
        parent = os.path.dirname(os.path.abspath(str(self.sandbox.workdir)))
        self.sandbox.open()   # its own uid, cgroup and bounded space, until shutdown()
        self.mailbox = tempfile.mkdtemp(prefix="grader-", dir=parent)
        self.sandbox.binds = [self.mailbox]
        km = SandboxedKernelManager(kernel_name=self.kernel_name, transport="ipc")
        km.sandbox = self.sandbox
        km.connection_file = os.path.join(self.mailbox, "kernel.json")
        km.ip = os.path.join(self.mailbox, "kernel-ipc")
        spec = km.kernel_spec_manager.get_kernel_spec(self.kernel_name)
        spec.interrupt_mode = "message"  # a signal would reach bubblewrap, not the kernel
        km._kernel_spec = spec
        km.write_connection_file()
        self._give_to_sandbox_user(self.mailbox, km.connection_file)
        try:
            km.start_kernel(cwd=str(self.sandbox.workdir), env=self.env)
        except Exception:
            self.shutdown()
            raise
        kc = km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=90)
        except RuntimeError as exc:
            self.km, self.kc = km, kc
            self.shutdown()
            raise RuntimeError(f"the kernel did not start in the sandbox: {exc}") from None
        self.km, self.kc = km, kc
        self._install_agent()
        return self

    def _install_agent(self):
        """A new grader agent in the kernel, and a client for it; returns the run's status."""
        self.remote = RemoteKernel(self.kc, self.mailbox, alive=self.alive, interrupt=self.interrupt,
                                   kill=self.shutdown, timeout=self.call_timeout)
        return self.execute(agent_bootstrap(self.mailbox), timeout=60, store_history=False)[1]

    def reset(self):
        """Make a used, live kernel ready for the next notebook, as a new one would be: an
        empty namespace, no figures, back in its folder, a fresh grader agent. Modules stay
        imported (that is the point: the set-up cells then re-run in a fraction of the
        time), so only the instructor's own code may be graded in a reused kernel."""
        for name in os.listdir(self.mailbox):
            if box_of(name) is not None:
                os.unlink(os.path.join(self.mailbox, name))
        # A kernel that has spent half its CPU-time limit is not reused: the next notebook
        # could hit the limit, and its mutant would be "caught" by a killed kernel.
        half = self.sandbox.limits.cpu_seconds / 2
        code = ("import os as _os, sys as _sys, resource as _resource\n"
                f"if sum(_resource.getrusage(_resource.RUSAGE_SELF)[:2]) > {half}:\n"
                "    raise SystemError('this kernel has used half of its CPU time')\n"
                # first back home: reset reads the cwd
                f"_os.chdir({str(self.sandbox.workdir)!r})\n"
                "get_ipython().reset(new_session=False)\n"
                "import os as _os, sys as _sys\n"
                "if 'matplotlib.pyplot' in _sys.modules:\n"
                "    _sys.modules['matplotlib.pyplot'].close('all')\n"
                "del _os, _sys\n")
        outputs, status = self.execute(code, timeout=60, store_history=False)
        if status == RunStatus.OK:
            status = self._install_agent()
        if status != RunStatus.OK:
            raise RuntimeError(f"the kernel could not be reset ({status}): {outputs}")
        return self

    def _give_to_sandbox_user(self, *paths):
        uid = self.sandbox.uid
        if uid is None:
            return
        for top in paths:
            give_tree(top, uid)

    def alive(self):
        return self.km is not None and self.km.is_alive()

    def interrupt(self):
        try:
            self.km.interrupt_kernel()
        except Exception:  # noqa: BLE001 - a dead kernel cannot be interrupted
            pass

    def shutdown(self):
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
        if self.km is not None:
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001
                pass
        self.kc = None
        self.sandbox.close()
        if self.mailbox is not None:
            shutil.rmtree(self.mailbox, ignore_errors=True)

    # -- running cells --------------------------------------------------------------
    def execute(self, code, timeout, store_history=True):
        """Run ``code``; returns ``(outputs, status)``, status a :class:`RunStatus`."""
        msg_id = self.kc.execute(code, store_history=store_history, allow_stdin=False)
        outputs, chars = [], 0
        deadline = time.monotonic() + timeout
        status, idle, replied = RunStatus.OK, False, False
        interrupted_at = None
        while not (idle and replied):
            now = time.monotonic()
            if now > deadline and interrupted_at is None:
                self.interrupt()
                interrupted_at, status = now, RunStatus.TIMEOUT
            if interrupted_at is not None and now > interrupted_at + 5:
                self.shutdown()           # it ignores interrupts (SIGINT): end it
                return outputs, RunStatus.TIMEOUT
            if not self.alive():
                return outputs, RunStatus.DIED
            try:
                msg = self.kc.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                msg = None
            if msg and msg["parent_header"].get("msg_id") == msg_id:
                kind = msg["msg_type"]
                if kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif kind in ("stream", "display_data", "execute_result", "error"):
                    if kind == "error" and status == RunStatus.OK:
                        status = RunStatus.ERROR
                    chars = _append_output(outputs, msg, chars)
            if not replied:
                try:
                    reply = self.kc.get_shell_msg(timeout=0)
                    if reply["parent_header"].get("msg_id") == msg_id:
                        replied = True
                        if reply["content"].get("status") == "error" and status == RunStatus.OK:
                            status = RunStatus.ERROR
                except queue.Empty:
                    pass
        return outputs, status


def _append_output(outputs, msg, chars):
    if len(outputs) >= MAX_OUTPUTS:
        return chars
    out = nbformat.v4.output_from_msg(msg)
    if out.output_type == "stream":
        room = MAX_STREAM_CHARS - chars
        text = out.text
        if room <= 0:
            return chars
        if len(text) > room:
            text = text[:room] + f"\n[output truncated by the grader after {MAX_STREAM_CHARS:,} characters]\n"
        chars += len(text)
        if outputs and outputs[-1].output_type == "stream" and outputs[-1].name == out.name:
            outputs[-1].text += text
            return chars
        out.text = text
    outputs.append(out)
    return chars
