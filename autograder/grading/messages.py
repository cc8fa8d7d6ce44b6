"""What a student reads about a failure: a failed test's message (never the hidden test's
source), the type of error behind it, and why a cell that broke the kernel is missing."""
from __future__ import annotations

import traceback

from ..course import CourseError
from ..hidden_markers import hidden_markers
from ..remote.client import GraderProtocolError, KernelDied, RemoteError, RemoteTimeout
from .kernel import RunStatus

# For each way a cell can break the kernel: why names it defines are missing (in a test's
# message), and what the report notes about that cell.
BROKEN_CELL = {
    RunStatus.DIED: ("killed the kernel (os._exit, a crash, or a resource limit such as memory)",
                     "the kernel died while running this cell (os._exit, a crash, or a resource "
                     "limit such as memory); it was restarted without this cell"),
    RunStatus.TIMEOUT: ("ran out of time and was stopped (an infinite loop?)",
                        "this cell ran out of time and was stopped (an infinite loop?); later "
                        "cells ran without it"),
}

_NOT_IMPLEMENTED = " is not implemented yet (it still raises NotImplementedError)."
_UNDEFINED = (" is not defined because its cell ", " is not defined in your notebook")


def error_text(outputs):
    """``"raised <type>: <message>"`` for the first error in a cell's ``outputs``, or None."""
    for out in outputs:
        if out.get("output_type") == "error":
            return f"raised {out.get('ename')}: {out.get('evalue')}"
    return None


def failure_message(exc, step, cell_errors=None):
    """What a student sees: the check's own message, never the hidden test's source."""
    from hwlib.testing import CheckFailure

    if isinstance(exc, CheckFailure):
        return str(exc)
    if isinstance(exc, (GraderProtocolError, KernelDied, RemoteTimeout)):
        return str(exc)
    if isinstance(exc, RemoteError) and getattr(exc, "remote_type", "") == "NotImplementedError":
        label = str(exc).split(" raised ", 1)[0]
        return f"{label}{_NOT_IMPLEMENTED}"
    if isinstance(exc, RemoteError):
        tb = getattr(exc, "student_traceback", "")
        return str(exc) + (f"\nWhere, in your code:\n{tb}" if tb else "")
    if isinstance(exc, NameError):
        name = getattr(exc, "name", None) or str(exc)
        broken = (cell_errors or {}).get(name)
        if broken:
            return f"{name!r}{_UNDEFINED[0]}{broken}: fix that cell first."
        return (f"{name!r}{_UNDEFINED[1]}: did you delete, rename or not run "
                "the cell that defines it?")
    where = _where(exc, step)
    return f"{type(exc).__name__}: {exc}{where}"


def error_type(exc):
    """The type of the exception the student's code raised behind ``exc`` ("" for a failed
    check or a grading problem): the kernel's own type for a remote error."""
    from hwlib.testing import CheckFailure

    if isinstance(exc, CheckFailure):
        return getattr(exc, "error", "")
    if isinstance(exc, (GraderProtocolError, KernelDied, RemoteTimeout)):
        return ""
    if isinstance(exc, RemoteError):
        return getattr(exc, "remote_type", "") or type(exc).__name__
    if isinstance(exc, AssertionError):
        return ""
    return type(exc).__name__


def _where(exc, step):
    """Where in the test ``exc`` was raised: its line, unless that line is hidden."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == f"<test {step.grade_id}>"]
    if not frames:
        return ""
    lineno = frames[-1].lineno
    lines = step.source.splitlines()
    try:
        hidden_from = hidden_markers().first_hidden_line(step.source)
    except CourseError:   # markers unknown: quote no line (the feedback says why, loudly)
        return " (in a hidden test)"
    if hidden_from is not None and lineno > hidden_from:
        return " (in a hidden test)"
    text = lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""
    return f" (in the test, line {lineno}: {text})"
