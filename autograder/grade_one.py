"""``grade-one``: grade a single notebook (CI mode), from any folder.

It writes ``results.json`` whenever it can write at all: a grading that cannot happen
(no data, a broken installation, a kernel that cannot start) still gives the student a
score of 0 and one line saying why. The exit codes are listed in ``autograder/ci/README.md``.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import cells as C
from . import manifest, report
from .course import CourseError, course_root, release_notebook, source_notebook
from .grading.cpus import kernel_threads
from .grading.results import Status
from .grading.runner import Grader

EXIT_OK, EXIT_UNDER, EXIT_USAGE, EXIT_FAILED, EXIT_NO_DATA = 0, 1, 2, 3, 4


def grader_for(assignment, root=None, threads=1, uid=None, grading_root=None):
    """A :class:`Grader` for one assignment of the course at ``root``."""
    root = Path(root or course_root())
    source = C.read(source_notebook(assignment, root))
    rel_path = release_notebook(assignment, root)
    release = C.read(rel_path) if rel_path.is_file() else None
    return Grader(source, release, course_root=root, budget=manifest.budget(assignment, root),
                  threads=threads, uid=uid, grading_root=grading_root)


def failure_results(reason, max_score=0.0, seconds=0.0, isolation="", header=()):
    """Gradescope's ``results.json`` for a grading that could not happen: score 0, ``reason``
    (:func:`autograder.report.failure`, the one writer)."""
    return report.failure(reason, max_score, seconds, isolation, header)


def check_data(assignment, allow_mini=False):
    """Make sure the assignment's data is there; returns "full" or "mini".

    Raises CourseError (the message says how to provide the data) when the full data is
    missing and ``allow_mini`` is False.
    """
    try:
        from .datacheck import resolve_subset, use_subset
    except ImportError:    # a grader without datacheck: the manifest's datasets, full only
        return _full_data_or_error(assignment)
    return use_subset(resolve_subset(assignment, allow_mini=allow_mini))


def _full_data_or_error(assignment):
    from hwlib.datasets import DatasetNotFoundError
    from hwlib.datasets._fetch import locate
    from hwlib.datasets._resources import SPECS

    entry = manifest.load().get(assignment)
    for name in entry.data if entry else ():
        try:
            locate(SPECS[name], download_ok=os.environ.get("HWLIB_OFFLINE") != "1")
        except DatasetNotFoundError as exc:
            raise CourseError(str(exc)) from None
    return "full"


def _max_score(assignment):
    try:
        return sum(C.points(c) for _, c in C.test_cells(C.read(source_notebook(assignment))))
    except Exception:  # noqa: BLE001 - only for the report of a failure
        return 0.0


def grade_one(notebook: str | os.PathLike[str], assignment: str, out_dir: str | os.PathLike[str] = ".",
              fail_under: float | None = None, echo: Callable[[str], object] = print,
              allow_mini: bool = False, grading_root: str | os.PathLike[str] | None = None,
              note: str = "") -> int:
    """Grade ``notebook``; print the table; write results.json. Returns the exit code.

    ``grading_root``: the folder for the submission's scratch folders (default: a new
    private one under the temp folder). ``note``: a first line for results.json's output
    (run_autograder: which notebook was graded).
    """
    import time

    start = time.perf_counter()
    out = Path(out_dir) / "results.json"
    header = [note] if note else []
    source_notebook(assignment)          # unknown assignment: CourseError -> exit 2, nothing graded

    def fail(code, reason, detail="", isolation=""):
        echo(f"{assignment}: {Path(notebook).name}: NOT GRADED: {reason}")
        if detail:
            echo(detail)
        report.write_json_atomic(out, failure_results(reason, _max_score(assignment),
                                                      time.perf_counter() - start, isolation,
                                                      header=header))
        echo(f"wrote {out} (score 0)")
        return code

    try:
        check_data(assignment, allow_mini)
    except CourseError as exc:
        return fail(EXIT_NO_DATA, "the grader cannot find the datasets this assignment needs; "
                    "this is not a problem with your notebook, tell your instructor.", str(exc))
    try:   # uid "pool": each kernel its own uid, free of any other grading's (uidpool.py)
        grader = grader_for(assignment, uid="pool", threads=kernel_threads(2), grading_root=grading_root)
        result = grader.grade(notebook, student=Path(notebook).stem, assignment=assignment)
    except Exception as exc:  # noqa: BLE001 - e.g. the grader's own set-up cannot import torch
        return fail(EXIT_FAILED, "the grading environment is broken "
                    f"({type(exc).__name__}: {report.first_line(str(exc), 120)}); this is not "
                    "a problem with your notebook, tell your instructor.")
    echo(f"{assignment}: {Path(notebook).name}")
    echo(report.table(result))
    echo(f"isolation: {result.isolation or 'none (not run)'}; {result.seconds:.1f} s")
    if result.status in (Status.GRADER_FAILED, Status.ENVIRONMENT):
        reason = result.error or f"GRADING ENVIRONMENT: {result.environment}"
        return fail(EXIT_FAILED, f"{report.first_line(reason, 200)} (not a problem with your "
                    "notebook: tell your instructor).", isolation=result.isolation)
    report.write_json_atomic(out, report.gradescope(result, header=header, isolation=True))
    echo(f"wrote {out}")
    if fail_under is not None and result.max_score and 100 * result.score / result.max_score < fail_under:
        echo(f"score {100 * result.score / result.max_score:.1f}% is under --fail-under {fail_under:g}%")
        return EXIT_UNDER
    return EXIT_OK
