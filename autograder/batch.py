"""``grade``, ``feedback``, ``export``: the instructor's batch, on nbgrader's folders.

``grade`` grades the ``submitted/<student>/<assignment>/`` notebooks that are new or
changed since their last grade (:mod:`autograder.gradestate`) in parallel worker
processes (each kernel sandboxed under its own uid), applies the late policy
(:mod:`autograder.late`), records the scores in nbgrader's gradebook, writes
``autograded/<student>/<assignment>/`` (the feedback notebook, ``results.json``, the
grade's state) and ``reports/<assignment>.csv``, and prints a summary table. SIGINT or
SIGTERM stops it cleanly (:class:`GradeInterrupted`): finished grades are kept.
"""
from __future__ import annotations

import contextlib
import csv
import os
import signal
import threading
import time
from concurrent.futures import as_completed
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from . import atomic, gradebook, nbgrader_cli, report
from .config import GradingConfig
from .course import CourseError, course_root, source_notebook
from .feedback import feedback_notebook
from .pool import grader_pool, worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from .grading.results import GradeResult

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class GradeInterrupted(Exception):
    """``grade`` stopped by SIGINT/SIGTERM; finished grades are kept. ``str()`` is the one line to print."""

    def __init__(self, assignment, done, left):
        super().__init__(f"grade {assignment} interrupted: {done} submission(s) graded and kept, {left} not yet; "
                         f"run `python -m autograder grade {assignment}` again to grade the rest")
        self.done, self.left = done, left


class _Stop(KeyboardInterrupt):
    """Raised by the stop signals' handler (a KeyboardInterrupt: nothing on the way swallows it)."""


_grading_now = False   # in a worker: a grading is under way (SIGTERM ends it first)


def _worker_signal(signum, frame):
    if _grading_now:
        raise _Stop()            # grade()'s finally shuts the kernel down, then the worker exits
    os._exit(128 + signum)


def _worker_signals():
    """A worker's stop signals (run first in each worker of the pool)."""
    # the command decides when to stop (Ctrl-C reaches the whole process group): a worker
    # ignores SIGINT and, on SIGTERM, ends its grading (killing the kernel) and exits
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_signal)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _grade_in_worker(student, path, assignment):
    global _grading_now
    _grading_now = True
    try:
        return worker().grader.grade(path, student=student, assignment=assignment)
    except _Stop:
        os._exit(143)
    finally:
        _grading_now = False


class _Signals:
    """SIGINT/SIGTERM raise :class:`_Stop` in the command, except inside :meth:`critical`
    (storing one grade), where they wait for its end. Only in the main thread."""

    def __init__(self):
        self.critical_now, self.pending, self.old = False, None, {}
        self.progress = (0, 0)    # (graded and kept, not yet): for the message when stopped

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.old = {sig: signal.signal(sig, self._handler) for sig in _STOP_SIGNALS}
        return self

    def __exit__(self, *exc):
        for sig, old in self.old.items():
            signal.signal(sig, old)

    def _handler(self, signum, frame):
        if self.critical_now:
            self.pending = signum
            return
        raise _Stop()

    @contextlib.contextmanager
    def critical(self):
        self.critical_now = True
        try:
            yield
        finally:
            self.critical_now = False
        if self.pending:
            raise _Stop()


def _stop_pool(pool, seconds=30.0):
    """Stop the workers: SIGTERM (each ends its grading and kills its kernel), then SIGKILL."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            with contextlib.suppress(OSError):
                os.kill(proc.pid, signal.SIGTERM)
    end = time.monotonic() + seconds
    for proc in procs:
        proc.join(max(0.0, end - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join(5)


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


def known_students(root):
    """Every student of the course: a folder in ``submitted/`` or a student in the gradebook."""
    out = {d.name for d in (Path(root) / "submitted").iterdir() if d.is_dir()} \
        if (Path(root) / "submitted").is_dir() else set()
    if (Path(root) / "gradebook.db").is_file():
        import warnings

        with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
            warnings.simplefilter("ignore")
            out |= {s.id for s in gb.students}
    return out


def graded_in_gradebook(assignment, root):
    """The students with a submission of ``assignment`` in the gradebook (none without one)."""
    import warnings

    from nbgrader.api import MissingEntry

    if not (Path(root) / "gradebook.db").is_file():
        return set()
    with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
        warnings.simplefilter("ignore")
        try:
            return {sub.student.id for sub in gb.find_assignment(assignment).submissions}
        except MissingEntry:
            return set()


def grade(assignment: str, workers: int = 2, root: str | os.PathLike[str] | None = None,
          echo: Callable[[str], object] = print, progress: bool = True,
          allow_mini: bool = False, force: bool = False,
          config: GradingConfig | None = None) -> dict[str, GradeResult]:
    """Grade the collected submissions that are new or changed since their last grade
    (all with ``force``); returns ``{student: GradeResult}`` of those graded now.

    The late policy of ``course/course.toml`` is applied after scoring (:mod:`autograder.late`).
    SIGINT/SIGTERM stop the workers and their kernels and raise :class:`GradeInterrupted`;
    every grade finished before is kept. On the full data only, unless ``allow_mini``
    (then, without the full data, on hwlib's mini subsets, and every report line says so);
    see :mod:`autograder.datacheck`. ``config``: how to grade (default: the environment's
    settings).
    """
    config = config or GradingConfig.from_env()
    with _Signals() as sig:
        try:
            return _grade(assignment, workers, root, echo, progress, allow_mini, force, sig, config)
        except _Stop:
            raise GradeInterrupted(assignment, *sig.progress) from None


def _grade(assignment, workers, root, echo, progress, allow_mini, force, sig, config):
    from . import gradestate, late
    from .datacheck import resolve_subset, subset_label, use_subset

    sig.progress = (0, 0)
    root = Path(root or course_root(config))
    config = config.with_(course_root=root)
    source_path = source_notebook(assignment, root)
    source_nb = nbformat.read(str(source_path), as_version=4)
    subs = submissions(assignment, root)
    if not subs:
        raise CourseError(f"no submissions in submitted/*/{assignment}/: run collect first")
    rules = late.rules(root)
    late.check_students(rules, assignment, known_students(root))
    config = use_subset(config, resolve_subset(assignment, config, allow_mini))   # before workers spawn
    subset = config.subset
    if subset_label(subset):
        echo(f"{assignment}: full data not found; {subset_label(subset)} (--allow-mini)")
    keys = {s: gradestate.key(p.parent, source_path, [subset, str(rules.deadline_for(assignment, s)),
                                                        rules.policy.__dict__])
            for s, p in subs.items()}
    recorded = graded_in_gradebook(assignment, root)      # a grade is kept only if the gradebook has it too
    todo = {s: p for s, p in subs.items()
            if force or s not in recorded or not gradestate.is_current(root, assignment, s, keys[s])}
    sig.progress = (0, len(todo))
    start = time.perf_counter()
    results = {}
    if not todo:
        echo(f"{assignment}: all {len(subs)} submission(s) unchanged since their last grade: nothing to grade "
             "(--force grades them all again)")
    else:
        if len(todo) < len(subs):
            echo(f"{assignment}: grading {len(todo)} new or changed submission(s); "
                 f"{len(subs) - len(todo)} unchanged since their last grade (kept; --force grades them again)")
        gradebook.ensure_registered(assignment, root, source_nb)
        results = _grade_pool(assignment, todo, keys, workers, root, source_nb, rules, progress, sig, config)
    elapsed = time.perf_counter() - start
    states = {s: gradestate.load(root, assignment, s) for s in subs}
    _write_report(root, assignment, {s: st for s, st in states.items() if st})
    echo(summary_table(assignment, results, elapsed, max(1, min(workers, len(todo) or 1)), states))
    from .classreport import write as write_class_report

    write_class_report(assignment, root, echo=echo)
    return results


def _grade_pool(assignment, todo, keys, workers, root, source_nb, rules, progress, sig, config):
    """Grade ``todo`` in worker processes, storing each grade as it arrives."""
    from . import gradestate, late

    workers = max(1, min(workers, len(todo)))
    results = {}
    bar = _progress(len(todo), f"grading {assignment}", progress)
    with gradebook.open_gradebook(root) as gb:
        # the workers start with the stop signals blocked (their initializer unblocks them),
        # so a Ctrl-C while they start is theirs to ignore, not a traceback
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            pool = grader_pool(workers, assignment, root, config, prepare=_worker_signals)
            futures = {pool.submit(_grade_in_worker, s, str(p), assignment): s for s, p in todo.items()}
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        try:
            for fut in as_completed(futures):
                student = futures[fut]
                try:
                    result = fut.result()
                except Exception as exc:  # noqa: BLE001 - one broken grading never stops the batch
                    result = _crashed(student, assignment, source_nb, exc)
                info = late.submission_time(todo[student].parent)
                assessment = late.assess(rules, assignment, student, info,
                                         result.max_score + sum(result.manual.values()))
                with sig.critical():
                    _store(root, assignment, result, source_nb, gb, assessment, info)
                    gradestate.save(root, assignment, result, keys[student],
                                    assessment.points if assessment else 0.0)
                results[student] = result
                sig.progress = (len(results), len(todo) - len(results))
                bar.update(1)
        except _Stop:
            bar.close()
            _stop_pool(pool)
            raise
        pool.shutdown(wait=True)
    bar.close()
    return results


def _crashed(student, assignment, source_nb, exc):
    from . import cells as C
    from .grading.results import GradeResult, Status

    tests = C.test_points(source_nb)
    return GradeResult(student, assignment).fail(
        f"grading failed: {type(exc).__name__}: {exc}", "not graded: the grader failed", tests,
        Status.GRADER_FAILED)


def _store(root, assignment, result, source_nb, gb, assessment=None, info=None):
    """Write one grade: the feedback notebook, results.json, the gradebook (late penalty included)."""
    penalty = assessment.points if assessment else 0.0
    late = ""
    if assessment:
        after = (f" (raw score {result.score:g}/{result.max_score:g}, after the penalty "
                 f"{max(0.0, result.score - penalty):g})" if assessment.late else "")
        late = f"{assessment.reason}{after}"
        result.notes.append(f"late policy: {late}")
    out = Path(root) / "autograded" / result.student / assignment
    out.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.writes(feedback_notebook(result, source_nb)) + "\n"
    atomic.write_text(out / f"{assignment}.ipynb", notebook)
    data = report.gradescope(result)
    if assessment:
        final = max(0.0, result.score - penalty)
        data["score"] = final
        data["output"] += (f"\nLate penalty: -{penalty:g} points; score after it: {final:g}/{result.max_score:g}."
                           if assessment.late else "")
        data["extra_data"].update(raw_score=float(result.score), late_penalty=float(penalty), late=late)
    report.write_json_atomic(out / "results.json", data)
    gradebook.record(gb, assignment, result)
    gradebook.set_late(gb, assignment, result.student, penalty, (info or {}).get("time"))


def _write_report(root, assignment, states):
    """``reports/<assignment>.csv`` from every submission's stored grade state."""
    path = Path(root) / "reports" / f"{assignment}.csv"
    path.parent.mkdir(exist_ok=True)
    tests = []
    for st in states.values():
        tests += [g for g in st.get("tests", {}) if g not in tests]
    with atomic.atomic_path(path) as tmp, open(tmp, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "score", "max_score", *tests, "flagged", "report", "late_penalty", "final_score"])
        for student, st in sorted(states.items()):
            by = st.get("tests", {})
            w.writerow([student, st["raw_score"], st["max_score"], *[by.get(g, "") for g in tests],
                        "yes" if st.get("flagged") else "", st.get("summary", ""),
                        st.get("late_penalty", 0.0), st.get("score", st["raw_score"])])


def summary_table(assignment, results, elapsed, workers, states=None):
    """One line per student (graded now, or unchanged since its last grade) and a total line."""
    rows = [(s, r.summary()) for s, r in sorted(results.items())]
    kept = {s: st for s, st in (states or {}).items() if st and s not in results}
    rows = sorted(rows + [(s, f"{st.get('summary', '')} (unchanged, not regraded)") for s, st in kept.items()])
    width = max([len("student")] + [len(s) for s, _ in rows])
    lines = [f"{'student'.ljust(width)}  result", *(f"{s.ljust(width)}  {line}" for s, line in rows)]
    scores = [r.score for r in results.values()] + [st.get("raw_score", 0.0) for st in kept.values()]
    mean = sum(scores) / max(1, len(scores))
    lines.append(f"{len(results)} submission(s) of {assignment} graded in {elapsed:.1f} s "
                 f"with {workers} worker(s){f', {len(kept)} unchanged' if kept else ''}; mean score {mean:.2f}")
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
