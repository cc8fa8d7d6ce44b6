"""Reports of graded submissions: the per-test table, Gradescope's results.json, CSV."""

from . import atomic

MINI_LABEL = "graded on the mini subset (offline demo)"   # on every report line of such a run


def first_line(text, width=90):
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def table(result):
    """The per-test table and total, as text."""
    rows = [("test", "score", "result")]
    for t in result.tests:
        rows.append((t.grade_id, f"{t.score:g}/{t.max_score:g}",
                     "passed" if t.passed else f"FAILED: {first_line(t.message)}"))
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [f"{a.ljust(w0)}  {b.rjust(w1)}  {c}" for a, b, c in rows]
    lines.append(f"{'total'.ljust(w0)}  {f'{result.score:g}/{result.max_score:g}'.rjust(w1)}")
    if result.manual:
        lines.append(f"written answers ({', '.join(result.manual)}): "
                     f"{sum(result.manual.values()):g} points, graded by hand")
    if result.error:
        lines.append(f"error: {result.error}")
    if getattr(result, "data_subset", "") == "mini":
        lines.append(f"data: {MINI_LABEL} (accuracy bars for hwlib's 6,000 + 1,000 images)")
    for note in result.notes:
        lines.append(f"note: {note}")
    for flag in result.flags:
        lines.append(f"FLAG: {flag}")
    return "\n".join(lines)


# -- Gradescope's results.json ------------------------------------------------------------
# The contract: Gradescope's autograder specifications, "Output format"
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/). Only its documented keys
# are written; what it has no key for goes into ``extra_data`` (top level: ``max_score``,
# and for a grading its ``notes``, ``flags`` and ``error``, plus ``late`` with the late
# policy; each test: ``mistake``, the named mistake's id or ""). tests/test_results_schema.py holds
# the contract as a JSON Schema and checks every writer against it. The one writer is
# :func:`results`; :func:`gradescope` (a grading) and :func:`failure` (no grading) call it,
# and run_autograder's bash fallback writes what ``failure`` would.
TEXT = "text"        # output formats: plain text, no HTML sanitiser, no Markdown


def results(score, output, *, max_score=0.0, tests=(), seconds=0.0, header=()):
    """Gradescope's ``results.json`` dict: the one place its shape is decided.

    ``output`` is the overall text for the student, after the ``header`` lines (e.g.
    which notebook was graded); ``tests`` are the per-test dicts of :func:`entry_for`.
    The overall score and output are always visible; each test carries its own visibility.
    """
    return {
        "score": float(score),
        "execution_time": round(float(seconds), 2),
        "output": "\n".join([*header, output]),
        "output_format": TEXT,
        "test_output_format": TEXT,
        "test_name_format": TEXT,
        "visibility": "visible",
        "stdout_visibility": "hidden",      # the log (stdout) is for the instructor only
        "extra_data": {"max_score": float(max_score)},
        "tests": list(tests),
    }


def entry_for(t, visibility):
    """One test cell's entry in ``results.json`` (a :class:`TestResult`)."""
    return {
        "name": t.grade_id,
        "score": float(t.score),
        "max_score": float(t.max_score),
        "status": "passed" if t.passed else "failed",
        "output": t.message if not t.passed else (t.output or "passed"),
        "visibility": visibility,
        "extra_data": {"mistake": getattr(t, "mistake", "") or ""},
    }


def visibility_for(assignment):
    """``[gradescope] test_visibility`` of the manifest for ``assignment``; the default
    (``after_due_date``) when the course has no manifest or it cannot be read."""
    from . import manifest
    from .course import CourseError

    try:
        return manifest.gradescope_settings(assignment).test_visibility
    except CourseError:
        return manifest.GradescopeSettings().test_visibility


def gradescope(result, include_time=True, header=(), visibility=None, isolation=False):
    """``results.json`` for a grading (a :class:`GradeResult`), tests shown per
    ``visibility`` (default: the manifest's ``test_visibility`` for the assignment); with
    ``isolation``, the output ends with the sandbox's layers (grade-one, run_autograder)."""
    visibility = visibility or visibility_for(getattr(result, "assignment", None))
    summary = [f"{result.score:g}/{result.max_score:g} points from the automatic tests."]
    if result.manual:
        summary.append(f"Written answers ({sum(result.manual.values()):g} points) are graded by hand.")
    if result.error:
        summary.append(f"Error: {result.error}")
    summary += [f"Note: {n}" for n in result.notes] + [f"Flagged: {f}" for f in result.flags]
    if getattr(result, "data_subset", "") == "mini":
        summary.append(f"Data: {MINI_LABEL}.")
    if isolation:
        summary.append(f"Isolation: {result.isolation or 'none (not run)'}")
    out = results(result.score, "\n".join(summary), max_score=result.max_score,
                  tests=[entry_for(t, visibility) for t in result.tests],
                  seconds=result.seconds, header=header)
    # the same facts, typed, for the class report (it never reads them back from the prose)
    out["extra_data"].update(notes=list(result.notes), flags=list(result.flags), error=result.error)
    if not include_time:
        del out["execution_time"]
    return out


def failure(reason, max_score=0.0, seconds=0.0, isolation="", header=()):
    """``results.json`` for a grading that could not happen: score 0 and ``reason``."""
    return results(0.0, f"Not graded: {reason}\nIsolation: {isolation or 'none (no kernel ran)'}",
                   max_score=max_score, seconds=seconds, header=header)


def max_score_of(data):
    """The most points a ``results.json`` dict could give (``extra_data``; a file written
    before the contract had it at the top level)."""
    return float(data.get("extra_data", {}).get("max_score", data.get("max_score", 0.0)))


def mistake_of(test):
    """The named mistake's id of one ``results.json`` test ("" when none)."""
    return test.get("extra_data", {}).get("mistake", test.get("mistake", "")) or ""


def write_json_atomic(path, data):
    """Write JSON to ``path`` whole or not at all, readable by its owner only (0600)."""
    atomic.write_json(path, data, mode=0o600)
