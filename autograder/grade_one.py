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
from .config import GradingConfig
from .course import CourseError, course_root
from .grading.cpus import kernel_threads
from .grading.results import Status
from .grading.runner import Grader

EXIT_OK, EXIT_UNDER, EXIT_USAGE, EXIT_FAILED, EXIT_NO_DATA = 0, 1, 2, 3, 4


def grader_for(assignment, root=None, threads=1, uid=None, grading_root=None, config=None):
    """A :class:`Grader` for one assignment (an id, or a :class:`manifest.Assignment`) of the
    course at ``root``, grading as ``config`` says (default: the environment's settings)."""
    config = config or GradingConfig.from_env()
    entry = manifest.resolve(assignment, root or course_root(config))
    source = C.read(entry.source)
    release = C.read(entry.release) if entry.release.is_file() else None
    return Grader(source, release, course_root=entry.root, budget=entry.budget_seconds,
                  threads=threads, uid=uid, grading_root=grading_root, config=config)


def check_data(assignment, config, allow_mini=False):
    """``config`` with the data subset the grading of ``assignment`` (an id or a manifest
    Assignment) uses ("full", or "mini" only when
    ``allow_mini``). Raises CourseError (the message says how to provide the data) when the
    full data is missing and ``allow_mini`` is False."""
    from .datacheck import resolve_subset, use_subset

    return use_subset(config, resolve_subset(assignment, config, allow_mini=allow_mini))


def max_score(assignment, root=None):
    """The points of the assignment's autograded tests (0 when its notebook cannot be read)."""
    try:
        return sum(points for _, points in C.test_points(C.read(manifest.get(assignment, root).source)))
    except Exception:  # noqa: BLE001 - only for the report of a failure
        return 0.0


def grade_one(notebook: str | os.PathLike[str], assignment: str, out_dir: str | os.PathLike[str] = ".",
              fail_under: float | None = None, echo: Callable[[str], object] = print,
              allow_mini: bool = False, grading_root: str | os.PathLike[str] | None = None,
              note: str = "", config: GradingConfig | None = None) -> int:
    """Grade ``notebook``; print the table; write results.json. Returns the exit code.

    ``grading_root``: the folder for the submission's scratch folders (default: a new
    private one under the temp folder). ``note``: a first line for results.json's output
    (run_autograder: which notebook was graded). ``config``: how to grade (default: the
    environment's settings).
    """
    import time

    start = time.perf_counter()
    out = Path(out_dir) / "results.json"
    header = [note] if note else []
    config = config or GradingConfig.from_env()
    root = course_root(config)
    entry = manifest.get(assignment, root)   # unknown assignment: CourseError -> exit 2, nothing graded

    def fail(code, reason, detail="", isolation=""):
        echo(f"{assignment}: {Path(notebook).name}: NOT GRADED: {reason}")
        if detail:
            echo(detail)
        report.write_json_atomic(out, report.failure(reason, max_score(assignment, root),
                                                      time.perf_counter() - start, isolation,
                                                      header=header))
        echo(f"wrote {out} (score 0)")
        return code

    try:
        config = check_data(entry, config, allow_mini)
    except CourseError as exc:
        return fail(EXIT_NO_DATA, "the grader cannot find the datasets this assignment needs; "
                    "this is not a problem with your notebook, tell your instructor.", str(exc))
    try:   # uid "pool": each kernel its own uid, free of any other grading's (uidpool.py)
        grader = grader_for(entry, root, uid="pool", threads=kernel_threads(2),
                            grading_root=grading_root, config=config)
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
