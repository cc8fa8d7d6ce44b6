"""The kernel side of the grader's remote calls: serve the grader's requests.

This file is injected as source into the student's kernel (it cannot import the
autograder package there), after ``protocol.py`` and ``codec.py``, so it depends only on
the standard library, numpy and those two.
"""
import os
import sys
import time
import traceback

import numpy as np

try:   # imported by the grader as autograder.remote.agent
    from .codec import Codec, read_message, write_message
    from .protocol import Box, Op, message_path
except ImportError:   # injected into the kernel by agent_bootstrap, after the codec and the protocol
    from _autograder_codec import Codec, read_message, write_message
    from _autograder_protocol import Box, Op, message_path

# the agent's and the codec's own frames, left out of the student's tracebacks
_OWN_FILES = {__file__, sys.modules[Codec.__module__].__file__}


class _Callback:
    """A grader-side callable (e.g. a test's ``f``) called from the kernel."""

    def __init__(self, agent, node):
        self._agent, self._node = agent, node

    def __call__(self, *args, **kwargs):
        return self._agent.callback(self._node["id"], args, kwargs)


class Agent:
    """Serves the grader's requests in the kernel: get names, call, getattr, ..."""

    def __init__(self, mailbox, namespace):
        self.mailbox, self.ns = mailbox, namespace
        self.codec = Codec("kernel", make_remote=lambda node: _Callback(self, node))
        self._cb = 0

    def serve(self, rid):
        base = message_path(self.mailbox, Box.REQUEST, rid)
        req, arrays = read_message(base)
        out_arrays = {}
        self.warnings = []
        try:
            result, copyback = self._dispatch(req, arrays)
            reply = {"ok": True, "value": self.codec.encode(result, out_arrays),
                     "copyback": [[path, self.codec.encode(v, out_arrays)] for path, v in copyback],
                     "warnings": self.warnings}
        except BaseException as exc:  # noqa: BLE001 - the student's error goes to the grader
            out_arrays = {}
            reply = {"ok": False, "type": type(exc).__name__, "message": _safe_str(exc),
                     "traceback": _student_traceback(exc)}
        write_message(message_path(self.mailbox, Box.RESPONSE, rid), reply, out_arrays)

    def _dispatch(self, req, arrays):
        op = req["op"]
        if op == Op.GET:
            if req["name"] not in self.ns:
                raise NameError(f"name {req['name']!r} is not defined in your notebook")
            return self.ns[req["name"]], []
        target = self.codec.table[req["target"]]
        if op == Op.CALL:
            args = self.codec.decode(req["args"], arrays)
            kwargs = self.codec.decode(req["kwargs"], arrays)
            before = {tuple(p): d for p, _, d in _array_digests((args, kwargs))}
            import warnings
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                with np.errstate(all="warn"):
                    result = target(*args, **kwargs)
            self.warnings = [[w.category.__name__, _safe_str(w.message)] for w in caught[:20]]
            # arrays the function changed in place travel back, so in-place updates work
            return result, [(p, a) for p, a, d in _array_digests((args, kwargs))
                            if before.get(tuple(p)) != d]
        if op == Op.GETATTR:
            return getattr(target, req["name"]), []
        if op == Op.SETATTR:
            setattr(target, req["name"], self.codec.decode(req["value"], arrays))
            return None, []
        if op == Op.GETITEM:
            return target[self.codec.decode(req["key"], arrays)], []
        if op == Op.LEN:
            return len(target), []
        if op == Op.ITER:
            return list(target), []
        if op == Op.REPR:
            return repr(target)[:2000], []
        if op == Op.RELEASE:
            for hid in req.get("ids", []):
                self.codec.table.pop(hid, None)
            return None, []
        raise ValueError(f"unknown op {op!r}")

    def callback(self, hid, args, kwargs):
        self._cb += 1
        base = message_path(self.mailbox, Box.CALLBACK, self._cb)
        arrays = {}
        payload = {"id": hid, "args": self.codec.encode(list(args), arrays),
                   "kwargs": self.codec.encode(kwargs, arrays)}
        write_message(base, payload, arrays)
        answer = message_path(self.mailbox, Box.CALLBACK_RESPONSE, self._cb)
        while not os.path.exists(answer + ".json"):
            time.sleep(0.0005)
        reply, arrays = read_message(answer)
        if not reply["ok"]:
            raise RuntimeError(f"the test's function raised {reply['message']}")
        return self.codec.decode(reply["value"], arrays)


def _array_digests(args, path=()):
    """``[(path, array, digest)]`` for every ndarray inside the call's arguments."""
    import hashlib
    out = []
    if isinstance(args, np.ndarray) and args.dtype != object:
        data = np.ascontiguousarray(args).view(np.uint8).ravel().data
        out.append((list(path), args, hashlib.blake2b(data, digest_size=16).hexdigest()))
    elif isinstance(args, (list, tuple)):
        for i, v in enumerate(args):
            out += _array_digests(v, path + (i,))
    elif type(args) is dict:
        for k, v in args.items():
            if isinstance(k, (str, int)):
                out += _array_digests(v, path + (k,))
    return out


def _safe_str(exc):
    try:
        return str(exc)[:4000]
    except Exception:  # noqa: BLE001
        return "<unprintable exception>"


def _student_traceback(exc):
    """The traceback frames of the student's code only (never the agent's)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename not in _OWN_FILES
              and "autograder_agent" not in f.filename]
    # no file names: they hold temporary paths, and the same code must give the same report
    lines = [f"  in {f.name}, line {f.lineno}: {(f.line or '').strip()}" for f in frames[-8:]]
    return "\n".join(lines)[:4000]
