"""The grader's own namespace for tests: the instructor's set-up cells, run in the grader.

Tests then use the grader's own numpy, hwlib.testing and data, whatever the student's
notebook does to its copies. The set-up runs once per grader process
(:class:`SetUpCache`); each submission gets fresh copies of its data (arrays,
containers), so nothing a test does to them reaches the next submission.
"""
from __future__ import annotations

import contextlib
import copy
import io
import warnings

from .kernel_env import enter_set_up

SHARE_BYTES = 1 << 20   # set-up arrays this large are shared read-only, not copied


class SetUpCache:
    """The namespace of the last set-up run in this process, reused while it is intact;
    the set-up sees the hwlib switches of ``config`` (a :class:`GradingConfig`)."""

    def __init__(self, config):
        self.config = config
        self._cached = {}   # set-up cells' sources -> (the namespace they built, tensor versions)

    def namespace_for(self, preamble):
        """Fresh copies (:func:`fresh`) of the namespace the set-up cells ``preamble`` build."""
        key = tuple(preamble)
        if key in self._cached and not unchanged(self._cached[key]):
            del self._cached[key]    # a test changed a shared tensor in place: set up again
        if key not in self._cached:
            namespace = run_set_up(preamble, self.config)
            self._cached = {key: (namespace, versions(namespace))}
        return {name: fresh(value) for name, value in self._cached[key][0].items()}


def run_set_up(preamble, config):
    """Run the set-up cells' sources here, quietly, with the kernel's hwlib switches
    (``config``'s data and subset); returns the namespace they built."""
    namespace = {"__name__": "__grader__", "get_ipython": _NoMagic}
    enter_set_up(config)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for source in preamble:
            exec(compile(python_source(source), "<set-up>", "exec"), namespace)
    return namespace


def python_source(source):
    """A cell's source as plain Python (IPython's magics and ``!`` commands transformed)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _is_tensor(value):
    return type(value).__module__.startswith("torch") and hasattr(value, "clone")


def _shared_tensor(value):
    """True for a set-up tensor shared between submissions (large, no autograd history)."""
    return _is_tensor(value) and getattr(value, "nbytes", 0) >= SHARE_BYTES and not value.requires_grad


def fresh(value):
    """A copy of set-up data a test might modify in place; anything else as it is.

    Large arrays (the data sets) are shared as read-only views instead: a copy per
    submission would double the grader's memory (Gradescope's box has 768 MB for the
    grader and the kernel together), and a test that writes into set-up data is a bug
    ``validate`` finds (the solution's test fails on the read-only array). Large torch
    tensors, which cannot be made read-only, are shared as detached views: an in-place
    change bumps their version counter and :func:`unchanged` has the set-up run again."""
    if type(value).__module__ == "numpy" and getattr(value, "nbytes", 0) >= SHARE_BYTES:
        view = value.view()
        view.flags.writeable = False
        return view
    if _shared_tensor(value):
        return value.detach()
    if isinstance(value, (list, dict, set, tuple)) or type(value).__module__ == "numpy":
        try:
            return copy.deepcopy(value)
        except Exception:  # noqa: BLE001 - not copyable (holds a module, a lock): share it
            return value
    if _is_tensor(value):
        return value.clone()
    return value


def versions(namespace):
    """``{name: in-place version}`` of the set-up's shared tensors."""
    return {name: value._version for name, value in namespace.items() if _shared_tensor(value)}


def unchanged(cached):
    """True when no shared tensor of a cached set-up ``(namespace, versions)`` was changed."""
    namespace, seen = cached
    return all(namespace[name]._version == version for name, version in seen.items())


class _NoMagic:
    """``get_ipython()`` for set-up cells run in the grader: magics (``%matplotlib``) do nothing."""

    def __new__(cls):
        return cls

    @staticmethod
    def run_line_magic(*args, **kwargs):
        return None

    run_cell_magic = system = run_line_magic
