"""The value codec both sides of the remote calls share, and their message files.

A value is encoded as JSON plus arrays in a ``.npz`` file (``allow_pickle=False`` on both
sides: no pickle ever crosses). Objects that cannot be sent by value travel as handles.

The grader imports this module; ``agent_bootstrap`` injects its source into the student's
kernel (as the module ``_autograder_codec``), so it depends only on the standard library
and numpy, and on torch only if the values are tensors.
"""
import json
import os
import stat
import sys

import numpy as np

MAX_DEPTH = 64


class Codec:
    """Encode/decode values; objects that are not plain data become handles in ``table``."""

    def __init__(self, side, make_remote=None):
        self.side = side                # "kernel" or "grader": who owns handles made here
        self.table = {}                 # handle id -> local object
        self.make_remote = make_remote  # decode a peer's handle into a local proxy
        self._next = 1

    # -- encoding -------------------------------------------------------------------
    def encode(self, value, arrays, depth=0):
        if depth > MAX_DEPTH:
            raise ValueError("value nested too deeply to send")
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, np.ndarray) and value.dtype != object:
            return {"$": "nd", "k": self._store(arrays, value)}
        if isinstance(value, np.generic) and not isinstance(value, np.object_):
            return {"$": "npscalar", "k": self._store(arrays, np.asarray(value))}
        if isinstance(value, (np.dtype, type)) and _dtype_name(value):
            return {"$": "dtype", "name": _dtype_name(value)}
        if isinstance(value, np.random.Generator):
            return {"$": "rng", "state": _jsonable_state(value.bit_generator.state)}
        if type(value).__name__ == "module":
            return {"$": "module", "name": value.__name__}
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(value, torch.Tensor) and not value.is_sparse:
            out = {"$": "tensor", "k": self._store(arrays, value.detach().cpu().numpy()),
                   "dtype": str(value.dtype).replace("torch.", ""), "rg": bool(value.requires_grad)}
            if value.grad is not None:
                out["grad"] = self._store(arrays, value.grad.detach().cpu().numpy())
            return out
        if isinstance(value, tuple) and not hasattr(value, "_fields"):
            return {"$": "tuple", "v": [self.encode(v, arrays, depth + 1) for v in value]}
        if isinstance(value, list):
            return [self.encode(v, arrays, depth + 1) for v in value]
        if isinstance(value, (set, frozenset)):
            return {"$": "set", "v": [self.encode(v, arrays, depth + 1) for v in value]}
        if type(value) is dict:
            return {"$": "dict", "items": [[self.encode(k, arrays, depth + 1),
                                            self.encode(v, arrays, depth + 1)] for k, v in value.items()]}
        if isinstance(value, slice):
            return {"$": "slice", "v": [self.encode(x, arrays, depth + 1)
                                        for x in (value.start, value.stop, value.step)]}
        proxy_of = getattr(type(value), "_autograder_handle_of", None)
        if proxy_of is not None:  # a proxy for the peer's object goes back as that handle
            return {"$": "peer", "id": proxy_of(value)}
        return self.handle(value)

    def handle(self, value):
        hid = self._next
        self._next += 1
        self.table[hid] = value
        name = getattr(value, "__name__", None)
        return {"$": "handle", "id": hid, "owner": self.side, "type": type(value).__name__,
                "callable": callable(value), "name": name if isinstance(name, str) else None}

    @staticmethod
    def _store(arrays, arr):
        key = f"a{len(arrays)}"
        arrays[key] = arr
        return key

    # -- decoding -------------------------------------------------------------------
    def decode(self, node, arrays):
        if not isinstance(node, (dict, list)):
            return node
        if isinstance(node, list):
            return [self.decode(v, arrays) for v in node]
        tag = node.get("$")
        if tag == "nd":
            return np.array(arrays[node["k"]])
        if tag == "npscalar":
            return np.asarray(arrays[node["k"]])[()]
        if tag == "dtype":
            return np.dtype(node["name"]).type
        if tag == "rng":
            return _make_rng(node["state"])
        if tag == "module":
            return _module(node["name"])
        if tag == "tensor":
            import torch
            t = torch.from_numpy(np.array(arrays[node["k"]]))
            if node.get("rg"):
                t.requires_grad_(True)
            if "grad" in node:
                t.grad = torch.from_numpy(np.array(arrays[node["grad"]]))
            return t
        if tag == "tuple":
            return tuple(self.decode(v, arrays) for v in node["v"])
        if tag == "set":
            return set(self.decode(v, arrays) for v in node["v"])
        if tag == "dict":
            return {self.decode(k, arrays): self.decode(v, arrays) for k, v in node["items"]}
        if tag == "slice":
            return slice(*[self.decode(v, arrays) for v in node["v"]])
        if tag == "peer":  # one of our own objects coming back
            return self.table[node["id"]]
        if tag == "handle":
            if node.get("owner") == self.side:
                return self.table[node["id"]]
            return self.make_remote(node) if self.make_remote else node
        raise ValueError(f"unknown value tag {tag!r}")


def _dtype_name(value):
    try:
        dt = np.dtype(value)
    except TypeError:
        return None
    return dt.name if dt.kind != "O" else None   # object arrays travel as handles


def _jsonable_state(state):
    if isinstance(state, dict):
        return {k: _jsonable_state(v) for k, v in state.items()}
    if isinstance(state, np.ndarray):
        return {"$nd": state.tolist(), "dtype": state.dtype.name}
    return int(state) if isinstance(state, np.integer) else state


def _restore_state(state):
    if isinstance(state, dict) and "$nd" in state:
        return np.array(state["$nd"], dtype=state["dtype"])
    if isinstance(state, dict):
        return {k: _restore_state(v) for k, v in state.items()}
    return state


def _module(name):
    """A module named by the peer: one loaded here already, or a public submodule of a loaded
    package. Never an import of the peer's choosing (``this``, ``pkg.__main__`` run code)."""
    if name in sys.modules:
        return sys.modules[name]
    parts = str(name).split(".")
    if parts[0] not in sys.modules or any(not p.isidentifier() or p.startswith("_") for p in parts):
        raise ValueError(f"the value is the module {name!r}, which the grader does not load")
    import importlib
    return importlib.import_module(name)


def _make_rng(state):
    state = _restore_state(state)
    bitgen = getattr(np.random, state["bit_generator"], None)
    if not (isinstance(bitgen, type) and issubclass(bitgen, np.random.BitGenerator)):
        raise ValueError(f"unknown bit generator {state['bit_generator']!r}")
    bitgen = bitgen()
    bitgen.state = state
    return np.random.Generator(bitgen)


# The mailbox is shared with the student's kernel, which can put anything in it: the grader
# (root) never writes or reads a message file through a symlink, a FIFO or a file left there.
def _create(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    return os.fdopen(fd, "wb")


def _open_message(path, max_bytes):
    fh = os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb")
    st = os.fstat(fh.fileno())
    if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
        fh.close()
        raise ValueError("not a regular message file, or too large")
    return fh


def write_message(path, payload, arrays):
    """Write ``payload`` (JSON) and its arrays next to it, atomically (``.json`` last)."""
    if arrays:
        tmp = path + ".npz.part"
        with _create(tmp) as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path + ".npz")
    tmp = path + ".json.part"
    with _create(tmp) as fh:
        fh.write(json.dumps(payload).encode())
    os.replace(tmp, path + ".json")


def read_message(path, max_bytes=2 << 30):
    """Read a message written by :func:`write_message`: ``(payload, arrays)``."""
    with _open_message(path + ".json", max_bytes) as fh:
        payload = json.load(fh)
    arrays = {}
    if os.path.exists(path + ".npz"):
        import zipfile
        with _open_message(path + ".npz", max_bytes) as fh:
            with zipfile.ZipFile(fh) as zf:  # a compressed .npz could unpack to far more
                if sum(info.file_size for info in zf.infolist()) > max_bytes:
                    raise ValueError("message too large")
            fh.seek(0)
            with np.load(fh, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
    for suffix in (".json", ".npz"):
        try:
            os.unlink(path + suffix)
        except OSError:
            pass
    return payload, arrays
