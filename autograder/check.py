"""``check <notebook>``: a student's self-check, from a copy of ``release/`` alone.

It grades the notebook against its own release version, whose test cells hold only the
visible self-checks (nbgrader removed the hidden parts), in the grader's sandbox and time
limits, and prints the grader's table. It needs no ``source/``: this is NOT the grade,
which comes from the hidden tests (Gradescope or the instructor's batch).
"""
from pathlib import Path

from . import cells as C
from . import report
from .config import GradingConfig
from .course import CourseError
from .grading.cpus import kernel_threads
from .grading.results import Status
from .grading.runner import Grader

NOT_THE_GRADE = ("This is NOT your grade: only the visible self-checks ran. Your grade comes "
                 "from the hidden tests, when your instructor grades (Gradescope or the "
                 "course's batch).")
DEFAULT_BUDGET = 180.0   # seconds per cell when no course manifest is at hand (the largest)


def pristine_release(assignment, notebook, config):
    """The unedited release notebook for ``assignment`` if one is at hand, else None.

    Looked for in ``config.course_root`` (``$COURSE_ROOT``) ``/release/<id>/`` and
    ``release/<id>/`` from the current folder; never the notebook being checked itself.
    """
    roots = [config.course_root] if config.course_root else []
    for root in roots + [Path.cwd()]:
        path = root / "release" / assignment / f"{assignment}.ipynb"
        if path.is_file() and path.resolve() != Path(notebook).resolve():
            return path
    return None


def _budget(assignment, config):
    from . import manifest

    try:
        entry = manifest.load(config.course_root).get(assignment)
    except CourseError:
        entry = None
    return (entry.budget_seconds, "the course manifest") if entry else (DEFAULT_BUDGET, "the default")


def check(notebook, assignment=None, echo=print, config=None):
    """Run the visible self-checks of ``notebook``; returns 0 (all pass), 1 (some fail), 3
    (could not run). ``config``: how to grade (default: the environment's settings)."""
    config = config or GradingConfig.from_env()
    notebook = Path(notebook)
    if not notebook.is_file():
        raise CourseError(f"no notebook at {notebook}: pass the path of your .ipynb")
    assignment = assignment or notebook.stem
    reference = pristine_release(assignment, notebook, config)
    try:
        checks = C.read(reference or notebook)
    except Exception as exc:  # noqa: BLE001 - an unreadable file: say so, as the grader would
        raise CourseError(f"{notebook} cannot be read as a notebook: {exc}") from None
    if not list(C.test_cells(checks)):
        raise CourseError(f"{reference or notebook} has no self-check cells (nbgrader tests): "
                          "is it the assignment's notebook?")
    budget, where = _budget(assignment, config)
    echo(f"{assignment}: self-check of {notebook.name}, checks from "
         f"{reference or 'the notebook itself'}, {budget:g} s per cell ({where})")
    grader = Grader(checks, checks, budget=budget, threads=kernel_threads(2), uid="pool", config=config)
    result = grader.grade(str(notebook), student=notebook.stem, assignment=assignment)
    echo(report.table(result))
    echo(f"isolation: {result.isolation or 'none (not run)'}; {result.seconds:.1f} s")
    echo(NOT_THE_GRADE)
    if result.status == Status.GRADER_FAILED:
        return 3
    return 0 if all(t.passed for t in result.tests) else 1
