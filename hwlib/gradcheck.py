"""Numerical gradient checks (CS231n conventions).

Centred differences ``(f(x+h) - f(x-h)) / 2h`` in float64. Tolerances on
:func:`rel_error`, for h = 1e-5 in float64:

- smooth functions (sigmoid, tanh, softmax, cross-entropy): expect < 1e-7; pass at 1e-6;
- functions with kinks (ReLU, max-pooling): a difference that straddles a kink can reach
  1e-4 or more at a few entries; use ``tol=1e-4`` or keep inputs away from the kink.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, SupportsFloat, TypeAlias

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import torch

Float64Array: TypeAlias = npt.NDArray[np.float64]
# One array, or a dict / list / tuple of them, nested (e.g. ``[(W1, b1), (W2, b2)]``).
Arrays: TypeAlias = np.ndarray | Mapping[str, "Arrays"] | Sequence["Arrays"]
# Parameters perturbed in place: the same structure of float64 arrays.
Params: TypeAlias = Float64Array | Mapping[str, "Params"] | Sequence["Params"]
# What eval_numerical_gradient_params returns: the same structure, tuples become lists.
GradientTree: TypeAlias = Float64Array | dict[str, "GradientTree"] | list["GradientTree"]

DEFAULT_H = 1e-5
DEFAULT_TOL = 1e-6


def rel_error(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """``max |x - y| / max(1e-8, |x| + |y|)`` over all entries (a float)."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    if x.shape != y.shape:
        raise ValueError(f"rel_error needs equal shapes, got {x.shape} and {y.shape}")
    if x.size == 0:
        return 0.0
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def _rel_error_map(x, y):
    return np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))


def _require_float64(x, name="x"):
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise TypeError(f"{name} must be a float64 NumPy array (it is perturbed in place); "
                        f"got {type(x).__name__} {getattr(x, 'dtype', '')}. Use x.astype(np.float64).")


def eval_numerical_gradient(f: Callable[[Float64Array], SupportsFloat], x: Float64Array,
                            h: float = DEFAULT_H) -> Float64Array:
    """Gradient of a scalar function ``f(x)`` at ``x`` (float64 array, any shape).

    ``x`` is perturbed in place and restored. Returns an array shaped like ``x``.
    """
    _require_float64(x)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = float(f(x))
        x[idx] = old - h
        fm = float(f(x))
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * h)
    return grad


def eval_numerical_gradient_array(f: Callable[[Float64Array], npt.ArrayLike], x: Float64Array,
                                  df: npt.ArrayLike, h: float = DEFAULT_H) -> Float64Array:
    """Gradient of ``sum(f(x) * df)``: the backward pass of an array-valued ``f``.

    ``df`` is the upstream gradient, shaped like ``f(x)``. Returns an array shaped like ``x``.
    """
    _require_float64(x)
    upstream = np.asarray(df)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        pos = np.array(f(x), dtype=np.float64, copy=True)
        x[idx] = old - h
        neg = np.array(f(x), dtype=np.float64, copy=True)
        x[idx] = old
        grad[idx] = np.sum((pos - neg) * upstream) / (2 * h)
    return grad


def _is_sequence(params: object) -> bool:
    # A str is a Sequence too, but of characters, never of arrays.
    return isinstance(params, Sequence) and not isinstance(params, (str, bytes))


def _named_arrays(params: Arrays) -> list[tuple[str, np.ndarray]]:
    """Flatten a dict / list / tuple (possibly nested, e.g. ``[(W, b), ...]``) of arrays."""
    if isinstance(params, np.ndarray):
        return [("x", params)]
    items: Iterable[tuple[object, Arrays]]
    if isinstance(params, Mapping):
        items = params.items()
    elif _is_sequence(params):
        items = enumerate(params)
    else:
        raise TypeError(f"params must be an array, dict, list or tuple of arrays; got {type(params).__name__}")
    out = []
    for key, value in items:
        if isinstance(value, np.ndarray):
            out.append((str(key), value))
        else:
            out += [(f"{key}.{sub}", arr) for sub, arr in _named_arrays(value)]
    return out


def _with_standard_names(named):
    # [(W, b), ...] gets the names W1, b1, W2, b2 ... students know from the equations.
    keys = [k for k, _ in named]
    if keys and all(k.count(".") == 1 and k.split(".")[0].isdigit()
                    and k.split(".")[1] in ("0", "1") for k in keys):
        return [(("W" if k.endswith(".0") else "b") + str(int(k.split(".")[0]) + 1), a)
                for k, a in named]
    return named


def eval_numerical_gradient_params(f: Callable[[], SupportsFloat], params: Params,
                                   h: float = DEFAULT_H) -> GradientTree:
    """Numerical gradients of scalar ``f()`` w.r.t. every array in ``params``.

    ``params`` is a dict, list or nested list (e.g. ``[(W1, b1), (W2, b2)]``) of float64
    arrays that ``f`` reads; each is perturbed in place and restored. Returns the same
    structure of gradient arrays (tuples become lists).
    """
    if isinstance(params, np.ndarray):
        return eval_numerical_gradient(lambda _: f(), params, h)
    if isinstance(params, Mapping):
        return {k: eval_numerical_gradient_params(f, v, h) for k, v in params.items()}
    if _is_sequence(params):
        return [eval_numerical_gradient_params(f, v, h) for v in params]
    raise TypeError(f"params must be an array, dict, list or tuple of arrays; got {type(params).__name__}")


@dataclass
class GradientCheck:
    """One parameter's comparison of analytic and numerical gradients."""

    name: str
    shape: tuple[int, ...]
    max_rel_error: float
    worst_index: tuple[int, ...]
    analytic: float
    numerical: float
    passed: bool


class GradientReport(list[GradientCheck]):
    """A list of :class:`GradientCheck` rows that prints as a table (text and HTML)."""

    def __init__(self, rows: Iterable[GradientCheck], tol: float) -> None:
        super().__init__(rows)
        self.tol = tol

    @property
    def passed(self) -> bool:
        """True when every parameter's relative error is within ``tol``."""
        return all(row.passed for row in self)

    @property
    def max_rel_error(self) -> float:
        return max((row.max_rel_error for row in self), default=0.0)

    def _rows(self):
        return [(r.name, "x".join(map(str, r.shape)), f"{r.max_rel_error:.2e}", str(r.worst_index),
                 f"{r.analytic:+.6e}", f"{r.numerical:+.6e}", "ok" if r.passed else "FAIL") for r in self]

    _HEAD = ("param", "shape", "max rel err", "worst index", "analytic", "numerical", "tol")

    def __str__(self) -> str:
        head = self._HEAD[:-1] + (f"≤ {self.tol:g}",)
        rows = [head] + self._rows()
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
        verdict = "all gradients match" if self.passed else "some gradients are WRONG"
        return "\n".join(lines + [f"{verdict} (max rel error {self.max_rel_error:.2e})"])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in self._HEAD[:-1] + (f"≤ {self.tol:g}",))
        body = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in r[:-1])
            + f"<td style='color:{'green' if r[-1] == 'ok' else 'red'}'><b>{r[-1]}</b></td></tr>"
            for r in self._rows())
        return f"<table><tr>{head}</tr>{body}</table>"


def compare_gradients(analytic: Arrays, numerical: Arrays, tol: float = DEFAULT_TOL) -> GradientReport:
    """A :class:`GradientReport` comparing two same-structured collections of arrays."""
    a_named = _with_standard_names(_named_arrays(analytic))
    n_named = _with_standard_names(_named_arrays(numerical))
    if [k for k, _ in a_named] != [k for k, _ in n_named]:
        raise ValueError(f"gradient structure differs from the parameters': got "
                         f"{[k for k, _ in a_named]}, expected {[k for k, _ in n_named]}")
    rows = []
    for (name, a), (_, n) in zip(a_named, n_named, strict=True):
        a = np.asarray(a, np.float64)
        if a.shape != n.shape:
            raise ValueError(f"gradient {name} has shape {a.shape} but its parameter has shape "
                             f"{n.shape}" + (" (transposed?)" if a.shape == n.shape[::-1] else ""))
        errs = _rel_error_map(a, n)
        worst = np.unravel_index(int(np.argmax(errs)), errs.shape) if errs.size else ()
        err = float(errs[worst]) if errs.size else 0.0
        rows.append(GradientCheck(name, a.shape, err, tuple(int(i) for i in worst),
                                  float(a[worst]) if a.size else 0.0,
                                  float(n[worst]) if n.size else 0.0, bool(err <= tol)))
    return GradientReport(rows, tol)


def check_gradients(f: Callable[[], SupportsFloat], params: Params, analytic_grads: Arrays,
                    tol: float = DEFAULT_TOL, h: float = DEFAULT_H) -> GradientReport:
    """Compare ``analytic_grads`` with numerical gradients of scalar ``f()`` w.r.t. ``params``.

    Args:
        f: a function of no arguments returning the scalar loss computed from ``params``.
        params: float64 arrays (dict, list, or ``[(W, b), ...]``) perturbed in place.
        analytic_grads: the same structure, e.g. the ``[(dW, db), ...]`` of a backward pass.
        tol: the largest relative error that passes (see the module docstring).
    Returns:
        a :class:`GradientReport` (``.passed``, ``.max_rel_error``, prints as a table).
    """
    return compare_gradients(analytic_grads, eval_numerical_gradient_params(f, params, h), tol)


def check_against_autograd(loss_fn: Callable[[], torch.Tensor],
                           tensors: MutableMapping[str, torch.Tensor],
                           manual_grads: Mapping[str, torch.Tensor | npt.ArrayLike],
                           tol: float = 1e-7) -> GradientReport:
    """Compare hand-computed gradients with PyTorch autograd.

    Args:
        loss_fn: a function of no arguments returning a scalar tensor built from ``tensors``.
        tensors: a dict name -> tensor (``requires_grad`` is set here).
        manual_grads: a dict name -> tensor or array with the manual gradients.
    Returns:
        a :class:`GradientReport` with autograd in the "numerical" column.
    """
    import torch

    names = list(tensors)
    leaves = [tensors[n].detach().clone().requires_grad_(True) for n in names]
    originals = [tensors[n] for n in names]
    for name, leaf in zip(names, leaves, strict=True):
        tensors[name] = leaf
    try:
        auto = torch.autograd.grad(loss_fn(), leaves)
    finally:
        for name, orig in zip(names, originals, strict=True):
            tensors[name] = orig
    manual = {n: np.asarray(g.detach().cpu() if isinstance(g, torch.Tensor) else g, np.float64)
              for n, g in ((n, manual_grads[n]) for n in names)}
    return compare_gradients(manual, {n: g.detach().cpu().numpy().astype(np.float64)
                                      for n, g in zip(names, auto, strict=True)}, tol)
