"""Assertions for self-checks and hidden tests, with messages a student can act on.

Every failure is a :class:`CheckFailure` (an ``AssertionError``) whose message names the
checked quantity, shows expected vs actual (shapes, the largest deviation and where), and,
where it recognises one, the typical mistake behind it. Test code passes the wrong
variants it knows as ``mistakes={"hw1.mistake_id": wrong_value, ...}`` (ids registered in
:mod:`hwlib.mistakes`; a plain description still works but stays unnamed) and names a
mistake a custom check detects with ``assert_true(ok, mistake="hw1.mistake_id")``. The
failure's ``.mistake`` is then that id, which the grader records.
"""
from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from .gradcheck import GradientReport

_T = TypeVar("_T")


class CheckFailure(AssertionError):
    """A test check failed; the message says what is wrong and how to fix it.

    ``mistake`` is the id of the named mistake recognised (:mod:`hwlib.mistakes`), or "".
    ``error`` is the type name of the exception the student's code raised when the check
    is :func:`call` reporting a crash or a stub ("" for a wrong value).
    """

    def __init__(self, message: str = "", mistake: str = "", error: str = "") -> None:
        super().__init__(message)
        self.mistake = mistake or ""
        self.error = error or ""


def _fail(name: str, problem: str, hint: str | None = None, mistake: str = "") -> NoReturn:
    msg = f"{name}: {problem}"
    if hint:
        msg += f"\nHint: {hint}"
    raise CheckFailure(msg, mistake)


def _mistake_text(key):
    """(id, text) of a ``mistakes`` key: an id, ``"<id>: <this case's own text>"`` (e.g. an
    f-string naming the values involved), or legacy prose (id "")."""
    from . import mistakes

    mistake_id, sep, detail = key.partition(": ")
    if mistakes.is_id(mistake_id):
        text = mistakes.text(mistake_id)
        return mistake_id, detail if sep else text
    return "", key


def _fmt(x):
    x = np.asarray(x)
    if x.size == 1:
        return f"{x.item():.6g}" if np.issubdtype(x.dtype, np.number) else repr(x.item())
    return np.array2string(x, precision=4, threshold=8, edgeitems=2, suppress_small=True)


def _as_array(actual, name):
    if actual is None:
        _fail(name, "got None. Did the function forget to `return` its result?")
    if hasattr(actual, "detach"):  # torch tensors
        actual = actual.detach().cpu().numpy()
    try:
        arr = np.asarray(actual)
    except Exception:
        _fail(name, f"expected an array, got {type(actual).__name__}")
    if arr.dtype == object:
        _fail(name, f"expected a numeric array, got {type(actual).__name__} holding objects "
                    "(a list of arrays of different shapes?)")
    return arr


def assert_shape(actual: object, shape: Iterable[int], *, name: str = "value",
                 hint: str | None = None) -> np.ndarray:
    """Fail unless ``actual`` (array-like) has exactly ``shape``."""
    arr = _as_array(actual, name)
    shape = tuple(shape)
    if arr.shape != shape:
        extra = ""
        if arr.shape == shape[::-1] and len(shape) > 1:
            extra = " It looks transposed."
        elif arr.size == int(np.prod(shape)):
            extra = " Same number of entries: a reshape or a missing/extra axis?"
        _fail(name, f"shape is {arr.shape}, expected {shape}.{extra}", hint)
    return arr


def assert_finite(actual: object, *, name: str = "value", hint: str | None = None) -> np.ndarray:
    """Fail if ``actual`` holds NaN or infinity, saying where the first one is."""
    arr = _as_array(actual, name)
    if np.issubdtype(arr.dtype, np.number) and not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))
        where = tuple(int(i) for i in bad[0]) if arr.ndim else ()
        _fail(name, f"{len(bad)} entries are NaN or inf (first at index {where}: "
                    f"{arr[where] if arr.ndim else arr}). This usually means overflow "
                    "(exp of a large number) or log(0).", hint)
    return arr


def assert_close(actual: object, expected: npt.ArrayLike, *, name: str = "value", rtol: float = 1e-6,
                 atol: float = 1e-8, hint: str | None = None,
                 mistakes: Mapping[str, npt.ArrayLike] | None = None) -> None:
    """Fail unless ``actual`` matches ``expected`` entrywise: ``|a - e| <= atol + rtol * |e|``.

    Args:
        actual: the student's result (array-like or torch tensor).
        expected: the correct result.
        mistakes: optional ``{mistake_id: wrong_value}`` (ids from :mod:`hwlib.mistakes`,
            or plain descriptions); if ``actual`` matches a wrong value, the message gives
            that mistake's text and the failure's ``.mistake`` its id.
    """
    named = {key: _mistake_text(key) for key in (mistakes or {})}   # unknown ids fail here
    exp = np.asarray(expected, dtype=np.float64)
    arr = assert_shape(actual, exp.shape, name=name, hint=hint)
    matched = _match_mistake(arr, mistakes, rtol, atol)
    mistake_id, diagnosis = named[matched] if matched is not None else ("", None)
    if not np.issubdtype(arr.dtype, np.number) and arr.dtype != bool:
        _fail(name, f"expected numbers, got dtype {arr.dtype}", hint)
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)) and np.all(np.isfinite(exp)):
        try:
            assert_finite(arr, name=name, hint=diagnosis or hint)
        except CheckFailure as exc:
            exc.mistake = mistake_id
            raise
    if np.allclose(arr, exp, rtol=rtol, atol=atol, equal_nan=True):
        return
    dev = np.abs(arr - exp)
    bad = dev > atol + rtol * np.abs(exp)
    worst = np.unravel_index(int(np.argmax(np.where(bad, dev, -1))), dev.shape) if dev.ndim else ()
    problem = (f"{int(bad.sum())} of {bad.size} entries differ (rtol={rtol:g}, atol={atol:g}); "
               f"largest deviation {dev[worst]:.3g}"
               + (f" at index {tuple(int(i) for i in worst)}" if dev.ndim else "")
               + f": got {arr[worst]:.6g}, expected {exp[worst]:.6g}.")
    if 1 < exp.size <= 8:
        problem += f"\n  got      {_fmt(arr.ravel())}\n  expected {_fmt(exp.ravel())}"
    ratio = _constant_ratio(arr, exp)
    if diagnosis:
        problem += f"\nYour result matches a known mistake: {diagnosis}."
    elif ratio is not None:
        problem += f"\nEvery entry is off by the same factor ({ratio:.4g}x the expected value)."
    _fail(name, problem, hint, mistake_id)


def _match_mistake(arr, mistakes, rtol, atol):
    for description, wrong in (mistakes or {}).items():
        try:
            wrong = np.asarray(wrong, dtype=np.float64)
            if wrong.shape == arr.shape and np.allclose(arr.astype(np.float64), wrong,
                                                        rtol=max(rtol, 1e-6), atol=atol):
                return description
        except (TypeError, ValueError):
            continue
    return None


def _constant_ratio(arr, exp):
    mask = np.abs(exp) > 1e-12
    if mask.sum() < 2:
        return None
    ratios = arr[mask] / exp[mask]
    r = float(np.median(ratios))
    if abs(r - 1) > 1e-3 and np.allclose(ratios, r, rtol=1e-4):
        return r
    return None


def assert_equal(actual: Any, expected: Any, *, name: str = "value", hint: str | None = None) -> None:
    """Fail unless ``actual == expected`` exactly (labels, counts, strings, tuples)."""
    if isinstance(expected, (np.ndarray, list)) and not isinstance(expected, str):
        exp = np.asarray(expected)
        arr = assert_shape(actual, exp.shape, name=name, hint=hint)
        if not np.array_equal(arr, exp):
            bad = np.argwhere(arr != exp)
            first = tuple(int(i) for i in bad[0])
            _fail(name, f"{len(bad)} of {exp.size} entries differ; first at index {first}: "
                        f"got {arr[first].item()!r}, expected {exp[first].item()!r}.", hint)
        return
    if np.ndim(actual) > 0 and np.ndim(expected) == 0:
        _fail(name, f"got an array of shape {np.shape(actual)}, expected the single value {expected!r}.", hint)
    try:
        differ = bool(actual != expected)
    except (ValueError, TypeError):  # e.g. an array compared with a tuple
        differ = True
    if differ:
        _fail(name, f"got {actual!r}, expected {expected!r}.", hint)


def assert_between(value: Any, low: float | None = None, high: float | None = None, *,
                   name: str = "value", hint: str | None = None) -> None:
    """Fail unless ``low <= value <= high`` (either bound may be None)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        _fail(name, f"expected a number, got {type(value).__name__}: {value!r}", hint)
    if not np.isfinite(v):
        _fail(name, f"is {v}; expected a finite number.", hint)
    if (low is not None and v < low) or (high is not None and v > high):
        rng = f"[{'-inf' if low is None else f'{low:g}'}, {'inf' if high is None else f'{high:g}'}]"
        _fail(name, f"is {v:.6g}, expected it in {rng}.", hint)


def assert_true(condition: object, message: str | None = None, *, name: str = "check",
                hint: str | None = None, mistake: str = "") -> None:
    """Fail with ``message`` unless ``condition`` is truthy.

    ``mistake``: the id of the mistake this check detects (:mod:`hwlib.mistakes`); the
    message defaults to its registered text.
    """
    if mistake:
        from . import mistakes

        text = mistakes.text(mistake)   # an unknown id fails even when the check passes
        message = message or text
    if message is None:
        raise TypeError("assert_true needs a message or a mistake id")
    if not condition:
        _fail(name, message, hint, mistake)


def assert_gradients(report: GradientReport, *, name: str = "gradient check",
                     hint: str | None = None) -> None:
    """Fail unless a :class:`hwlib.gradcheck.GradientReport` passed; the message is its table."""
    if not report.passed:
        failed = ", ".join(r.name for r in report if not r.passed)
        _fail(name, f"analytic and numerical gradients disagree for {failed}.\n{report}", hint)


def call(fn: Callable[..., _T], *args: Any, name: str | None = None, **kwargs: Any) -> _T:
    """Call a student's function; a stub or a crash becomes a clear :class:`CheckFailure`."""
    label = name or getattr(fn, "__name__", "function")
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        raise CheckFailure(f"{label}: is not implemented yet (it still raises NotImplementedError).",
                           error="NotImplementedError") from None
    except CheckFailure:
        raise
    except Exception as exc:  # the student's bug, reported without the test's internals
        raise CheckFailure(f"{label}: raised {type(exc).__name__}: {exc}",
                           error=type(exc).__name__) from None


# NumPy's floating-point warnings: the symptoms of an unstable formula (exp of a large
# number, log(0), 0/0). Underflow is not among them: a stable softmax underflows harmlessly.
NUMERIC_SYMPTOMS = ("overflow encountered", "divide by zero encountered", "invalid value encountered")


@contextlib.contextmanager
def no_warnings(name: str = "value", hint: str | None = None, *,
                symptoms: Mapping[str, str] | None = None) -> Iterator[None]:
    """Run student code; fail on the warnings that are symptoms of a mistake, drop the rest.

    The course's warnings policy (``source/README.md``): a warning a library raises for a
    correct call (a deprecation notice, a changed default, torch's advice about
    ``float(tensor)``) never costs points. Only these fail the check:

    - NumPy's floating-point warnings (:data:`NUMERIC_SYMPTOMS`: overflow, divide by
      zero, invalid value), reported even where the notebook silenced them;
    - warnings matching ``symptoms``: ``{mistake_id_or_text: regex}``, the regex searched
      in ``"Category: message"``; the failure names that mistake.

    Every warning is recorded, never printed, so a test cell writes nothing to stderr
    (nbgrader scores a test cell with stderr output as 0).
    """
    named = {key: _mistake_text(key) for key in (symptoms or {})}   # unknown ids fail here
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            yield
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        for key, pattern in (symptoms or {}).items():
            if re.search(pattern, text):
                mistake_id, diagnosis = named[key]
                _fail(name, f"emitted a warning that shows a mistake: {text}.\n{diagnosis}",
                      hint, mistake_id)
    # searched, not matched at the start: the grader re-raises a warning of the student's
    # kernel as "<the call>: <message>"
    numeric = [w for w in caught if issubclass(w.category, RuntimeWarning)
               and any(symptom in str(w.message) for symptom in NUMERIC_SYMPTOMS)]
    if numeric:
        first = numeric[0]
        _fail(name, f"emitted {len(numeric)} floating-point warning(s), first: "
                    f"{first.category.__name__}: {first.message}. Numerically stable code "
                    "overflows, divides by zero and takes log(0) nowhere.", hint)


@contextlib.contextmanager
def ignore_warnings() -> Iterator[None]:
    """Run student code whose warnings are not mistakes (a framework's advice, e.g. torch's
    "Converting a tensor with requires_grad=True to a scalar"): they are dropped, so the
    test cell prints nothing to stderr and a correct solution is not failed for them.
    Use :func:`no_warnings` where a warning does reveal a mistake (overflow, log(0)).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
