"""``grade-one``: grade a single notebook (CI mode), from any folder."""
from pathlib import Path

from . import cells as C
from . import manifest, report
from .course import CourseError, course_root, release_notebook, source_notebook
from .grading.runner import Grader


def grader_for(assignment, root=None, threads=1, uid=None, grading_root=None):
    """A :class:`Grader` for one assignment of the course at ``root``."""
    root = Path(root or course_root())
    source = C.read(source_notebook(assignment, root))
    rel_path = release_notebook(assignment, root)
    release = C.read(rel_path) if rel_path.is_file() else None
    return Grader(source, release, course_root=root, budget=manifest.budget(assignment, root),
                  threads=threads, uid=uid, grading_root=grading_root)


def grade_one(notebook, assignment, out_dir=".", fail_under=None, echo=print):
    """Grade ``notebook``; print the table; write results.json. Returns the exit code."""
    # uid "pool": each kernel its own uid, free of any other grading's (uidpool.py)
    grader = grader_for(assignment, uid="pool", threads=2)
    result = grader.grade(notebook, student=Path(notebook).stem, assignment=assignment)
    echo(f"{assignment}: {Path(notebook).name}")
    echo(report.table(result))
    echo(f"isolation: {result.isolation or 'none (not run)'}; {result.seconds:.1f} s")
    out = Path(out_dir) / "results.json"
    report.write_json_atomic(out, report.gradescope(result))
    echo(f"wrote {out}")
    if result.error.startswith("grading failed"):
        return 3
    if fail_under is not None and result.max_score and 100 * result.score / result.max_score < fail_under:
        echo(f"score {100 * result.score / result.max_score:.1f}% is under --fail-under {fail_under:g}%")
        return 1
    return 0
