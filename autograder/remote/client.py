"""The grader side of remote calls: proxies for the student's objects in the kernel."""
import builtins
import glob
import os
import queue
import time
import warnings

import numpy as np

from .codec import Codec, read_message, write_message
from .protocol import Box, Op, message_path

# the kernel side, injected as source (the kernel cannot import the autograder package),
# each module after the ones it imports
_HERE = os.path.dirname(__file__)
KERNEL_MODULES = {"_autograder_protocol": os.path.join(_HERE, "protocol.py"),
                  "_autograder_codec": os.path.join(_HERE, "codec.py"),
                  "_autograder_agent": os.path.join(_HERE, "agent.py")}


class RemoteError(Exception):
    """The student's code raised; ``str()`` says which function and what it raised."""

    remote_type = "Exception"
    student_traceback = ""


class KernelDied(RemoteError):
    """The student's kernel died (os._exit, a segfault, a memory limit...)."""


class RemoteTimeout(RemoteError):
    """A call into the student's code ran out of time."""


class GraderProtocolError(RemoteError):
    """The kernel did not answer the grader's request as the protocol says."""


_EXC_CLASSES = {}


def _exception(type_name, message, tb, label):
    """An exception that is both a RemoteError and, for builtin types, that builtin."""
    base = getattr(builtins, type_name, None)
    if not (isinstance(base, type) and issubclass(base, Exception)) or issubclass(base, RemoteError):
        base = Exception
    cls = _EXC_CLASSES.get(type_name)
    if cls is None:
        cls = _EXC_CLASSES[type_name] = type(type_name, (RemoteError, base), {})
    exc = cls(f"{label} raised {type_name}: {message}")
    exc.remote_type, exc.student_traceback = type_name, tb
    return exc


def agent_bootstrap(mailbox):
    """Code that installs the protocol, the codec and the agent in a kernel (as modules on
    no path)."""
    sources = {}
    for module, path in KERNEL_MODULES.items():
        with open(path) as fh:
            sources[module] = fh.read()
    return (
        "def _install_autograder_agent(sources):\n"
        "    import sys, types\n"
        "    for name, source in sources.items():\n"
        "        mod = types.ModuleType(name)\n"
        "        mod.__file__ = '<' + name.lstrip('_') + '>'\n"
        "        sys.modules[name] = mod\n"
        "        exec(compile(source, mod.__file__, 'exec'), mod.__dict__)\n"
        f"    return sys.modules['_autograder_agent'].Agent({mailbox!r}, get_ipython().user_ns)\n"
        f"_autograder_agent = _install_autograder_agent({sources!r})\n"
        "del _install_autograder_agent\n"
    )


class RemoteObject:
    """A proxy for an object in the student's kernel (a function, a model, ...)."""

    __slots__ = ("_rk", "_node", "_label")

    def __init__(self, rk, node, label=None):
        object.__setattr__(self, "_rk", rk)
        object.__setattr__(self, "_node", node)
        object.__setattr__(self, "_label", label or node.get("name") or node.get("type", "object"))

    @staticmethod
    def _autograder_handle_of(proxy):
        return object.__getattribute__(proxy, "_node")["id"]

    def __call__(self, *args, **kwargs):
        return self._rk.request({"op": Op.CALL, "target": self._node["id"]}, args=args,
                                kwargs=kwargs, label=self._label)

    def __getattr__(self, name):
        if name == "__name__":     # what messages call the student's function or class
            return self._label
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._rk.request({"op": Op.GETATTR, "target": self._node["id"], "name": name},
                                label=f"{self._label}.{name}")

    def __setattr__(self, name, value):
        self._rk.request({"op": Op.SETATTR, "target": self._node["id"], "name": name},
                         value=value, label=f"{self._label}.{name}")

    def __getitem__(self, key):
        return self._rk.request({"op": Op.GETITEM, "target": self._node["id"]}, key=key,
                                label=f"{self._label}[...]")

    def __len__(self):
        return self._rk.request({"op": Op.LEN, "target": self._node["id"]}, label=f"len({self._label})")

    def __iter__(self):
        return iter(self._rk.request({"op": Op.ITER, "target": self._node["id"]},
                                     label=f"iter({self._label})"))

    def __repr__(self):
        return f"<student's {self._node.get('type', 'object')} {self._label}>"


class RemoteKernel:
    """Requests to the agent in a running kernel, through files in ``mailbox``.

    ``alive`` is a function telling whether the kernel process still runs; ``kill`` ends
    it. Callbacks (the grader's functions called by student code) are served while a
    request waits.
    """

    def __init__(self, kc, mailbox, alive, interrupt, kill, timeout=60.0):
        self.kc, self.mailbox = kc, mailbox
        self.alive, self.interrupt, self.kill = alive, interrupt, kill
        self.timeout = timeout
        self.codec = Codec("grader", make_remote=lambda node: RemoteObject(self, node))
        self._rid = 0

    def get(self, name):
        """The value of ``name`` in the student's namespace (a value or a proxy)."""
        return self.request({"op": Op.GET, "name": name}, label=name)

    def request(self, payload, args=None, kwargs=None, key=None, value=None, label="", timeout=None):
        arrays = {}
        payload = dict(payload)
        call_args = (list(args or ()), dict(kwargs or {}))
        if payload["op"] == Op.CALL:
            payload["args"] = self.codec.encode(call_args[0], arrays)
            payload["kwargs"] = self.codec.encode(call_args[1], arrays)
        if payload["op"] == Op.GETITEM:
            payload["key"] = self.codec.encode(key, arrays)
        if payload["op"] == Op.SETATTR:
            payload["value"] = self.codec.encode(value, arrays)
        self._rid += 1
        rid = self._rid
        try:
            write_message(message_path(self.mailbox, Box.REQUEST, rid), payload, arrays)
        except OSError as exc:
            raise GraderProtocolError(f"{label}: the grader could not send its request ({exc}): "
                                      "the notebook tampered with the grader's files") from None
        msg_id = self.kc.execute(f"_autograder_agent.serve({rid})", silent=True,
                                 store_history=False, allow_stdin=False)
        self._wait(msg_id, label, timeout or self.timeout)
        base = message_path(self.mailbox, Box.RESPONSE, rid)
        if not os.path.exists(base + ".json"):
            raise GraderProtocolError(
                f"{label}: the kernel did not answer the grader (the notebook replaced or "
                "broke the grader's request, e.g. with an input transformer or sys.settrace)")
        try:
            reply, arrays = read_message(base)
            if not reply["ok"]:
                raise _exception(reply.get("type", "Exception"), reply.get("message", ""),
                                 reply.get("traceback", ""), label)
            result = self.codec.decode(reply["value"], arrays)
            for path, new in reply.get("copyback", []):
                _copy_back(call_args, path, self.codec.decode(new, arrays))
            caught = [(str(c), str(m)) for c, m in reply.get("warnings", [])][:20]
        except RemoteError:
            raise
        except Exception as exc:  # malformed answer: never trust it
            raise GraderProtocolError(f"{label}: unreadable answer from the kernel ({exc})") from None
        for category, message in caught:  # so a test's no_warnings() sees the student's warnings
            cls = getattr(builtins, category, None)
            if not (isinstance(cls, type) and issubclass(cls, Warning)):
                cls = UserWarning
            warnings.warn(f"{label}: {message}", cls, stacklevel=2)
        return result

    def _wait(self, msg_id, label, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self.kc.get_shell_msg(timeout=0.01)
                if msg.get("parent_header", {}).get("msg_id") == msg_id:
                    return msg
            except queue.Empty:
                pass
            self._serve_callbacks()
            if not self.alive():
                raise KernelDied(f"{label}: the kernel died while running your code "
                                 "(os._exit, a crash, or a resource limit)")
            if time.monotonic() > deadline:
                self.interrupt()
                grace = time.monotonic() + 3
                while time.monotonic() < grace:
                    try:
                        msg = self.kc.get_shell_msg(timeout=0.1)
                        if msg.get("parent_header", {}).get("msg_id") == msg_id:
                            break
                    except queue.Empty:
                        pass
                else:
                    self.kill()
                raise RemoteTimeout(f"{label}: your code ran longer than the {timeout:g} s "
                                    "this test allows (an infinite loop, or far too slow?)")

    def _serve_callbacks(self):
        for path in sorted(glob.glob(message_path(self.mailbox, Box.CALLBACK, "*") + ".json")):
            base = path[:-5]
            n = base.rsplit("-", 1)[1]
            out = {}
            try:
                req, arrays = read_message(base)
                fn = self.codec.table[req["id"]]
                value = fn(*self.codec.decode(req["args"], arrays), **self.codec.decode(req["kwargs"], arrays))
                reply = {"ok": True, "value": self.codec.encode(value, out)}
            except Exception as exc:  # noqa: BLE001
                out, reply = {}, {"ok": False, "message": f"{type(exc).__name__}: {exc}"}
            try:
                write_message(message_path(self.mailbox, Box.CALLBACK_RESPONSE, n), reply, out)
            except OSError:
                pass  # the notebook broke its own callback's answer


def _copy_back(root, path, new):
    target = root
    try:
        for step in path[:-1]:
            target = target[step]
        old = target[path[-1]]
    except (KeyError, IndexError, TypeError):
        return
    if isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and old.shape == new.shape \
            and old.flags.writeable:
        np.copyto(old, new, casting="unsafe")
