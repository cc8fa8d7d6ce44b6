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


def gradescope(result, include_time=True):
    """A dict in Gradescope's autograder results format (``results.json``)."""
    tests = [{
        "name": t.grade_id,
        "score": t.score,
        "max_score": t.max_score,
        "status": "passed" if t.passed else "failed",
        "output": t.message if not t.passed else (t.output or "passed"),
        "visibility": "visible",
        "mistake": getattr(t, "mistake", ""),   # named mistake id (Gradescope ignores it)
    } for t in result.tests]
    summary = [f"{result.score:g}/{result.max_score:g} points from the automatic tests."]
    if result.manual:
        summary.append(f"Written answers ({sum(result.manual.values()):g} points) are graded by hand.")
    if result.error:
        summary.append(f"Error: {result.error}")
    summary += [f"Note: {n}" for n in result.notes] + [f"Flagged: {f}" for f in result.flags]
    if getattr(result, "data_subset", "") == "mini":
        summary.append(f"Data: {MINI_LABEL}.")
    out = {"score": result.score, "max_score": result.max_score, "output": "\n".join(summary),
           "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}
    if include_time:
        out["execution_time"] = result.seconds
    return out


def write_json_atomic(path, data):
    """Write JSON to ``path`` whole or not at all, readable by its owner only (0600)."""
    atomic.write_json(path, data, mode=0o600)
