"""Grade one submission: student cells in a sandboxed kernel, tests in the grader.

The kernel runs the set-up cells, the student's answers and the cells they added, in
notebook order. Each test cell runs here, in the grader's process; every name it uses
that the notebook defines is fetched from the kernel as a value or a proxy
(``autograder.remote``). So a test's verdict cannot be changed by anything the
student's code does inside its kernel, and the hidden tests never enter the sandbox.
A cell that hangs is interrupted, then killed; a kernel that dies is restarted and the
cells that worked are replayed, so the tests that do not depend on the broken cell keep
their points.

What a grading produces is in ``results.py``, what a student reads about a failure in
``messages.py``, and the grader's own namespace for tests in ``trusted.py``.
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .. import cells as C
from ..config import GradingConfig
from ..remote.client import GraderProtocolError, KernelDied, RemoteError, RemoteTimeout
from ..slicing import names
from .assemble import Origin, StepKind, assemble
from .intake import SubmissionError, read_submission
from .kernel import RunStatus, StudentKernel
from .kernel_env import kernel_env
from .messages import BROKEN_CELL, error_text, error_type, failure_message
from .results import GradeResult, Status, TestResult
from .sandbox import default_sandbox
from .trusted import SetUpCache, python_source

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from .assemble import Plan
    from .sandbox import Limits

MAX_RESTARTS = 3
# Gradescope's default overall limit is 10 minutes, and a submission that reaches it gets 0
# with every result hidden; a minute of it is left for start-up and for writing results.
PLATFORM_SECONDS = 600
DEADLINE_CAP = PLATFORM_SECONDS - 60


def overall_deadline(budget):
    """Seconds a whole submission may take, restarts and replays included: three times the
    notebook's budget and a minute, never beyond :data:`DEADLINE_CAP`."""
    return min(3 * float(budget) + 60, DEADLINE_CAP)


class Grader:
    """Grades submissions of one assignment against its source notebook."""

    def __init__(self, source_nb: NotebookNode, release_nb: NotebookNode | None = None,
                 course_root: str | os.PathLike[str] | None = None, budget: float = 90.0,
                 call_timeout: float | None = None, threads: int = 1,
                 uid: int | Literal["pool"] | None = None, grading_root: str | os.PathLike[str] | None = None,
                 limits: Limits | None = None, *, config: GradingConfig) -> None:
        self.source, self.release = source_nb, release_nb
        self.config = config   # built once by the entry point (autograder/config.py)
        self.course_root = Path(course_root) if course_root else None
        self.budget = float(budget)
        self.call_timeout = float(call_timeout or budget)
        self.threads, self.uid, self.limits = threads, uid, limits
        self.grading_root = grading_root
        self.max_tests = C.test_points(source_nb)
        self._set_ups = SetUpCache(config)   # the grader's namespace for tests (grading/trusted.py)
        self._warm = None              # a kernel kept for the next grade(reuse=True): _Warm

    def grade(self, notebook_path: str | os.PathLike[str], student: str = "student", assignment: str = "",
              select: Callable[[Plan], Container[int]] | None = None,
              stop: Callable[[TestResult], bool] | None = None, reuse: bool = False) -> GradeResult:
        """Grade one notebook file; returns a :class:`GradeResult`.

        ``select(plan)`` may return the step positions to run (``validate`` uses it to
        re-run only what a changed cell can affect); tests not selected are not reported.
        ``stop(test_result)`` returning True ends the run after that test (``validate``
        stops a mutant at its first catching test); later tests are not reported.
        ``reuse=True`` grades in the kernel an earlier ``reuse=True`` grading left alive
        (reset, see :meth:`StudentKernel.reset`) and keeps this one for the next: for the
        instructor's own variants only (``validate``), never for students' submissions.
        """
        start = time.perf_counter()
        result = GradeResult(student, assignment, data_subset=self.config.subset)
        result.manual = {C.grade_id(c): C.points(c) for c in self.source.cells if C.is_manual(c)}
        try:
            student_nb = read_submission(notebook_path)
        except SubmissionError as exc:
            return result.fail(str(exc), f"not graded: {exc}", self.max_tests, Status.NOT_GRADED)
        plan = assemble(self.source, student_nb, self.release)
        result.flags, result.written, result.plan = plan.flags, plan.written, plan
        warm, self._warm = self._warm, None
        if warm is not None and not reuse:
            warm.close()
            warm = None
        if warm is None:
            root = self.grading_root or tempfile.mkdtemp(prefix="autograder-")
            workdir = Path(tempfile.mkdtemp(prefix="sub-", dir=root))
            warm = _Warm(None, root, workdir, own_root=self.grading_root is None)
        else:
            warm.empty_workdir()
        try:
            self._run(plan, warm, result, select(plan) if select else None, stop)
        finally:
            if reuse and warm.kernel is not None and warm.uses < MAX_REUSE:
                self._warm = warm
            else:
                warm.close()
            result.seconds = round(time.perf_counter() - start, 2)
        return result

    @property
    def deadline_seconds(self):
        """The whole submission's time limit (:func:`overall_deadline` of the budget)."""
        return overall_deadline(self.budget)

    def close(self):
        """Shut down a kernel kept by ``grade(reuse=True)``."""
        if self._warm is not None:
            self._warm.close()
            self._warm = None

    # -- the run: set up, run cells and tests, recover ---------------------------------
    def _run(self, plan, warm, result, selected=None, stop=None):
        """Grade ``plan`` in ``warm``'s kernel, keeping the kernel there if it ends clean."""
        run = _Run(plan, result, selected, stop,
                   deadline=time.monotonic() + self.deadline_seconds,
                   namespace=self._set_ups.namespace_for(plan.preamble))
        kernel, warm.kernel = warm.kernel, None   # kept again below only if this run ends clean
        try:
            run.kernel = kernel or self._new_kernel(warm)
            self._set_up(run, warm)
            for pos, step in enumerate(plan.steps):
                if selected is not None and pos not in selected:
                    continue
                if run.out_of_time():
                    self._stop_at_deadline(run, pos)
                    break
                if not run.kernel.alive() and not self._recover(run, pos):
                    break
                if step.kind == StepKind.RUN:
                    self._run_cell_step(run, pos, step)
                elif step.kind == StepKind.TEST and self._run_test_step(run, pos, step):
                    break   # stop() ends the run here
            run.clean = not run.broken and not run.restarts
        except RuntimeError as exc:   # no kernel could be started, or it died on replay
            result.fail(f"grading failed: {exc}", f"not run: {exc}", _tests_of(plan), Status.GRADER_FAILED)
        finally:
            if run.kernel is not None and run.clean and run.kernel.alive():
                warm.kernel = run.kernel
            elif run.kernel is not None:
                run.kernel.shutdown()

    def _new_kernel(self, warm):
        """A (not yet started) sandboxed kernel for ``warm``'s working folder."""
        sandbox = default_sandbox(warm.workdir, self.course_root or Path(__file__).parents[2],
                                  warm.root, uid=self.uid, limits=self.limits, config=self.config)
        if sandbox.uid is not None:
            os.chown(warm.workdir, sandbox.uid, sandbox.uid)
        return StudentKernel(sandbox, kernel_env(warm.workdir, self.threads, self.config),
                             call_timeout=self.call_timeout)

    @staticmethod
    def _set_up(run, warm):
        """Make the kernel ready: the kept one reset, else a new one started."""
        kernel = run.kernel
        try:
            reused = kernel.alive() and kernel.reset()
        except RuntimeError:   # it could not be reset: a new one
            reused = False
        if reused:
            warm.uses += 1
        else:
            kernel.shutdown()
            kernel.start()
            warm.uses = 1
        run.result.isolation = kernel.sandbox.describe()   # once started: the layers in force

    def _run_cell_step(self, run, pos, step):
        """Run one cell in the kernel; note a cell that broke the kernel or the set-up."""
        status = self._run_cell(run, step, pos)
        if status.broke_kernel:
            run.broken[pos] = status
            run.result.notes.append(f"{step.label}: {BROKEN_CELL[status][1]}")
            run.result.broke_kernel[step.grade_id or step.label] = BROKEN_CELL[status][1]
        else:
            run.done.append(pos)
        failed = error_text(run.result.outputs.get(pos, []))
        if not failed:
            return
        if step.origin == Origin.STUDENT:   # the student's own code, wherever it sits
            run.result.notes.append(f"{step.label} {failed} (your code; grading went on)")
        elif pos < run.first_answer and not run.student_ran(pos):
            # the instructor's set-up failed in a kernel no student code had touched
            reason = f"set-up cell {step.label!r} {failed}"
            run.result.notes.append(f"GRADING ENVIRONMENT: {reason}")
            run.result.environment = run.result.environment or reason   # the first is the cause
            run.result.status = Status.ENVIRONMENT
        elif pos < run.first_answer:
            run.result.notes.append(f"set-up cell {step.label!r} {failed} after a cell you added "
                                    "ran before it (check that cell)")

    def _run_test_step(self, run, pos, step):
        """Run one test in the grader; True when ``stop`` says the run ends here."""
        errors = {s.grade_id: (BROKEN_CELL[run.broken[i]][0] if i in run.broken
                               else error_text(run.result.outputs.get(i, [])))
                  for i, s in enumerate(run.plan.steps[:pos]) if s.origin == Origin.ANSWER}
        if run.kernel.remote is not None:   # calls into the kernel end at the deadline too
            run.kernel.remote.timeout = max(1.0, min(self.call_timeout, run.remaining()))
        test = self._run_test(step, run.kernel, run.namespace, run.from_student, errors)
        run.result.tests.append(test)
        return run.stop is not None and bool(run.stop(test))

    def _stop_at_deadline(self, run, pos):
        """The submission's time is up: end its kernel (every process of it), keep the
        points earned, and give every test not run yet 0 with the reason."""
        run.kernel.shutdown()
        run.broken[pos] = RunStatus.TIMEOUT    # the kernel is not fit to keep
        run.result.notes.append(f"the notebook used up its time ({self.deadline_seconds:.0f} s for "
                                "the whole notebook, restarts included); the rest was not run")
        run.result.fail("", "not run: the notebook used up its time "
                        f"({self.deadline_seconds:.0f} s) before this test", _tests_of(run.plan, pos))

    def _recover(self, run, pos):
        """The kernel died: start a new one and replay the cells that worked.

        Returns False (and fails the remaining tests) once it has died too often."""
        if run.restarts >= MAX_RESTARTS:
            run.result.notes.append("kernel kept dying; remaining tests not run")
            run.result.fail("", "not run: the kernel kept dying", _tests_of(run.plan, pos))
            return False
        if run.out_of_time():
            self._stop_at_deadline(run, pos)
            return False
        run.restarts += 1
        run.kernel.shutdown()
        run.kernel.start()
        run.result.notes.append("kernel restarted; earlier cells re-run")
        for done in list(run.done):
            if run.out_of_time():
                self._stop_at_deadline(run, pos)
                return False
            status = self._run_cell(run, run.plan.steps[done])
            if status.broke_kernel:   # the student's cell breaks it every time: leave it out
                run.done.remove(done)
                run.broken[done] = status
                run.result.notes.append(f"{run.plan.steps[done].label}: it broke the kernel again "
                                        "when re-run; later cells run without it")
                return self._recover(run, pos)
        return True

    def _run_cell(self, run, step, pos=None):
        """Run one cell in the run's kernel, within its budget and the time left."""
        timeout = max(1.0, min(self.budget, run.remaining()))
        outputs, status = run.kernel.execute(step.source, timeout=timeout)
        run.result.notes.extend(f"{step.label}: {note}" for note in run.kernel.sandbox.limit_notes())
        if pos is not None:
            run.result.outputs[pos] = outputs
        return status

    def _run_test(self, step, kernel, namespace, from_student, cell_errors):
        t = TestResult(step.grade_id, step.points)
        start = time.perf_counter()
        defined, used, _ = names(step.source)
        wanted = {n for n in used - defined if n not in namespace or n in from_student}
        for name in sorted(wanted):
            try:
                namespace[name] = kernel.remote.get(name)
                from_student.add(name)
            except (KernelDied, RemoteTimeout, GraderProtocolError) as exc:
                t.message = str(exc)
                t.seconds = round(time.perf_counter() - start, 2)
                return t
            except RemoteError:
                namespace.pop(name, None)
                from_student.discard(name)
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()), \
                    warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(python_source(step.source), f"<test {step.grade_id}>", "exec"), namespace)
            t.passed, t.score = True, step.points
        except BaseException as exc:  # noqa: BLE001 - any failure is this test's failure
            if isinstance(exc, KeyboardInterrupt):
                raise
            t.message = failure_message(exc, step, cell_errors)
            t.mistake = getattr(exc, "mistake", "") or ""
            t.error = error_type(exc)
        t.output = out.getvalue()[-4000:]
        t.seconds = round(time.perf_counter() - start, 2)
        return t


MAX_REUSE = 10   # gradings per kept kernel (and at most half its CPU time: StudentKernel.reset)


@dataclass
class _Warm:
    """A live kernel kept between gradings, with the folders it was started in."""

    kernel: object
    root: str
    workdir: Path
    own_root: bool = True
    uses: int = 0

    def empty_workdir(self):
        # files a previous notebook wrote must not reach the next one; the font cache may
        for entry in self.workdir.iterdir():
            if entry.name == ".matplotlib":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def close(self):
        if self.kernel is not None:
            self.kernel.shutdown()
            self.kernel = None
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self.own_root:
            shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class _Run:
    """The state of one grading run, shared by its steps."""

    plan: object
    result: GradeResult
    selected: object          # step positions to run, or None for all
    stop: object              # stop(test_result) -> True ends the run
    deadline: float           # time.monotonic() at which the submission's time is up
    namespace: dict           # the grader's namespace for tests
    kernel: object = None
    from_student: set = field(default_factory=set)   # names fetched from the kernel
    done: list = field(default_factory=list)          # cells that ran: replayed after a restart
    broken: dict = field(default_factory=dict)        # position -> RunStatus that broke the kernel
    restarts: int = 0
    clean: bool = False       # ended with the kernel fit to grade the next notebook

    @property
    def first_answer(self):
        steps = self.plan.steps
        return next((i for i, s in enumerate(steps) if s.origin == Origin.ANSWER), len(steps))

    def student_ran(self, pos):
        """True if a cell of the student's ran in the kernel before step ``pos``."""
        return any(self.plan.steps[i].origin in (Origin.STUDENT, Origin.ANSWER)
                   for i in [*self.done, *self.broken] if i < pos)

    def remaining(self):
        return self.deadline - time.monotonic()

    def out_of_time(self):
        return time.monotonic() > self.deadline


def _tests_of(plan, start=0):
    """``(grade_id, points)`` of the plan's tests from step ``start`` on."""
    return [(s.grade_id, s.points) for s in plan.steps[start:] if s.kind == StepKind.TEST]
