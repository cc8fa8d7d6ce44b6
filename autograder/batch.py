"""``grade``, ``feedback``, ``export``: the instructor's batch, on nbgrader's folders.

``grade`` grades every ``submitted/<student>/<assignment>/`` notebook in parallel worker
processes (each kernel sandboxed under its own uid), records the scores in nbgrader's
gradebook, writes ``autograded/<student>/<assignment>/`` (the feedback notebook and
``results.json``) and ``reports/<assignment>.csv``, and prints a summary table.
"""
from __future__ import annotations

import csv
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from . import atomic, gradebook, nbgrader_cli, report
from .course import CourseError, course_root, source_notebook
from .feedback import feedback_notebook

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from .grading.runner import GradeResult

_WORKER = {}


def _init_worker(assignment, root, threads):
    from .grade_one import grader_for
    from .procs import die_with_parent

    die_with_parent()
    # each kernel takes its own uid from the machine-wide pool (grading/uidpool.py)
    _WORKER["grader"] = grader_for(assignment, root, threads=threads, uid="pool")


def _grade_in_worker(student, path, assignment):
    result = _WORKER["grader"].grade(path, student=student, assignment=assignment)
    return result


def submissions(assignment, root):
    """``{student: notebook path}`` under ``submitted/``."""
    base = Path(root) / "submitted"
    out = {}
    if base.is_dir():
        for d in sorted(base.iterdir()):
            nb = d / assignment / f"{assignment}.ipynb"
            if nb.is_file() or (d / assignment).is_dir():
                out[d.name] = nb
    return out


def grade(assignment: str, workers: int = 2, root: str | os.PathLike[str] | None = None,
          echo: Callable[[str], object] = print, progress: bool = True,
          allow_mini: bool = False) -> dict[str, GradeResult]:
    """Grade every collected submission; returns ``{student: GradeResult}``.

    On the full data only, unless ``allow_mini`` (then, without the full data, on hwlib's
    mini subsets, and every report line says so); see :mod:`autograder.datacheck`.
    """
    from .datacheck import resolve_subset, subset_label, use_subset

    root = Path(root or course_root())
    source_nb = nbformat.read(str(source_notebook(assignment, root)), as_version=4)
    subs = submissions(assignment, root)
    if not subs:
        raise CourseError(f"no submissions in submitted/*/{assignment}/: run collect first")
    subset = use_subset(resolve_subset(assignment, allow_mini, root))   # before workers spawn
    if subset_label(subset):
        echo(f"{assignment}: full data not found; {subset_label(subset)} (--allow-mini)")
    gradebook.ensure_registered(assignment, root, source_nb)
    workers = max(1, min(workers, len(subs)))
    ctx = multiprocessing.get_context("spawn")
    results, start = {}, time.perf_counter()
    bar = _progress(len(subs), f"grading {assignment}", progress)
    with gradebook.open_gradebook(root) as gb, \
            ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                initargs=(assignment, str(root), 1)) as pool:
        futures = {pool.submit(_grade_in_worker, s, str(p), assignment): s for s, p in subs.items()}
        for fut in as_completed(futures):
            student = futures[fut]
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001 - one broken grading never stops the batch
                result = _crashed(student, assignment, source_nb, exc)
            results[student] = result
            _store(root, assignment, result, source_nb, gb)
            bar.update(1)
    bar.close()
    elapsed = time.perf_counter() - start
    _write_report(root, assignment, results)
    echo(summary_table(assignment, results, elapsed, workers))
    from .classreport import write as write_class_report

    write_class_report(assignment, root, echo=echo)
    return results


def _crashed(student, assignment, source_nb, exc):
    from . import cells as C
    from .grading.runner import GradeResult, Status

    tests = [(C.grade_id(c), C.points(c)) for _, c in C.test_cells(source_nb)]
    return GradeResult(student, assignment).fail(
        f"grading failed: {type(exc).__name__}: {exc}", "not graded: the grader failed", tests,
        Status.GRADER_FAILED)


def _store(root, assignment, result, source_nb, gb):
    out = Path(root) / "autograded" / result.student / assignment
    out.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.writes(feedback_notebook(result, source_nb)) + "\n"
    atomic.write_text(out / f"{assignment}.ipynb", notebook)
    report.write_json_atomic(out / "results.json", report.gradescope(result))
    gradebook.record(gb, assignment, result)


def _write_report(root, assignment, results):
    path = Path(root) / "reports" / f"{assignment}.csv"
    path.parent.mkdir(exist_ok=True)
    tests = sorted({t.grade_id for r in results.values() for t in r.tests},
                   key=lambda g: next((i for r in results.values() for i, t in enumerate(r.tests)
                                       if t.grade_id == g), 0))
    with atomic.atomic_path(path) as tmp, open(tmp, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "score", "max_score", *tests, "flagged", "report"])
        for student, r in sorted(results.items()):
            by = {t.grade_id: t.score for t in r.tests}
            w.writerow([student, r.score, r.max_score, *[by.get(g, "") for g in tests],
                        "yes" if r.flags else "", r.summary()])


def summary_table(assignment, results, elapsed, workers):
    rows = [(s, r.summary()) for s, r in sorted(results.items())]
    width = max([len("student")] + [len(s) for s, _ in rows])
    lines = [f"{'student'.ljust(width)}  result", *(f"{s.ljust(width)}  {line}" for s, line in rows)]
    mean = sum(r.score for r in results.values()) / max(1, len(results))
    lines.append(f"{len(results)} submission(s) of {assignment} graded in {elapsed:.1f} s "
                 f"with {workers} worker(s); mean score {mean:.2f}")
    return "\n".join(lines)


def _progress(total, desc, enabled):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="nb", disable=not enabled)


def feedback(assignment, root=None, echo=print):
    """nbgrader generate_feedback: ``feedback/<student>/<assignment>/<assignment>.html``."""
    root = Path(root or course_root())
    nbgrader_cli.run(["generate_feedback", assignment, "--force"], root)
    files = sorted((root / "feedback").glob(f"*/{assignment}/*.html"))
    for f in files:
        echo(f"feedback: {f.relative_to(root)}")
    return files


def export(root=None, to="grades.csv", echo=print):
    """nbgrader export: one row per student and assignment in ``grades.csv``."""
    root = Path(root or course_root())
    target = (root / to).resolve()
    nbgrader_cli.run(["export", f"--CsvExportPlugin.to={target}"], root)
    echo(f"wrote {target}")
    return target
