"""``validate``: test the tests of one assignment, through the real grader.

1. the source solutions get full marks on every autograded test;
2. the blank student version (the release: stubs) passes none;
3. every mutant fails at least one test, and every valid alternative gets full marks.

Each check grades a notebook exactly as a student's submission is graded (sandboxed
kernel, tests in the grader). A variant re-runs only the test cells its cell can affect,
plus the cells those need (see ``autograder.slicing``), and stops a mutant at the first
test that catches it. Valid alternatives of different cells are graded together, in one
notebook (a student could write all of them); only if that notebook loses points is
each graded alone, to say which one. Checks run in parallel.

Mutants are graded in kernels reused from one mutant to the next (reset: empty namespace,
empty folder, set-up cells re-run; see ``Grader.grade(reuse=True)``). The set-up's imports
(torch, TensorFlow) then cost once per kernel instead of once per mutant. The solution,
the blank release and the valid alternatives always get new kernels, as students' work
does; ``fresh_kernels=True`` (``--fresh-kernels``) gives every check a new one.
"""
from __future__ import annotations

import copy
import functools
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

import nbformat

from . import cells as C
from . import leaks, manifest, mutants, slicing
from ._compat import StrEnum
from .config import GradingConfig
from .course import course_root
from .grading.assemble import Origin, StepKind
from .pool import grader_pool, worker


class CheckKind(StrEnum):
    """What one check grades: the solution, the blank release, a mutant (must lose points),
    a valid alternative or a group of them (full marks), a visible helper as an answer (a
    leak: must earn nothing)."""

    SOLUTION = "solution"
    BLANK = "blank"
    MUTANT = "mutant"
    VALID = "valid"
    LEAK = "leak"


@dataclass
class Verdict:
    name: str
    kind: CheckKind
    grade_id: str = ""
    description: str = ""
    ok: bool = False
    failing: list = field(default_factory=list)   # test grade_ids that failed
    mistakes: list = field(default_factory=list)  # named mistakes (ids) the failures reported
    ran_tests: list = field(default_factory=list)
    seconds: float = 0.0
    problem: str = ""


def submission_for(source, release, replacements):
    """The release notebook with answer cells filled in (solutions unless replaced)."""
    answers = {C.grade_id(c): c.source for c in source.cells if C.is_answer(c)}
    answers.update(replacements)
    return C.substitute(release, answers)


def _frame(plan):
    """``(sources, tests, always)`` of a plan: every step's source, the steps that run in
    the grader, and the kernel steps every selection keeps (the set-up before the first
    answer, and the answers)."""
    steps = plan.steps
    sources = [s.source for s in steps]
    tests = [i for i, s in enumerate(steps) if s.kind == StepKind.TEST]
    first_answer = min(i for i, s in enumerate(steps) if s.origin == Origin.ANSWER)
    always = [i for i, s in enumerate(steps) if s.kind == StepKind.RUN
              and (i < first_answer or s.origin == Origin.ANSWER)]
    return sources, tests, always


def _selector(changed):
    """Steps a change of the answer cells ``{grade_id: original source}`` can affect, and
    those they need."""
    def select(plan):
        sources, in_grader, always = _frame(plan)
        tests = set()
        for gid, original in changed.items():
            pos = next(i for i, s in enumerate(plan.steps)
                       if s.origin == Origin.ANSWER and s.grade_id == gid)
            also = slicing.names(original)[0]
            tests |= {i for i in slicing.affected(sources, pos, also, in_grader)
                      if plan.steps[i].kind == StepKind.TEST}
        return set(slicing.needed(sources, sorted(tests), always, in_grader)) if tests else set()
    return select


def _part_selector(test_ids):
    """The given test cells (a graded part's own tests), and the cells they need."""
    def select(plan):
        sources, in_grader, always = _frame(plan)
        targets = [i for i in in_grader if plan.steps[i].grade_id in test_ids]
        return set(slicing.needed(sources, targets, always, in_grader)) if targets else set()
    return select


def group_valid(variants):
    """Valid alternatives packed into groups with at most one per answer cell."""
    groups = []
    for v in variants:
        home = next((g for g in groups if all(o.grade_id != v.grade_id for o in g)), None)
        if home is None:
            groups.append([v])
        else:
            home.append(v)
    return groups


def _job(kind, variant, reuse=False):
    if kind in (CheckKind.VALID, CheckKind.LEAK):     # a group of variants of different cells
        together = _grade_variants(kind, variant, reuse)
        if len(variant) == 1 or all(v.ok for v in together):
            return together
        return [_grade_variants(kind, [v], reuse)[0] for v in variant]
    return _grade_variants(kind, [variant] if variant else [], reuse)


def _grade_variants(kind, variants, reuse=False):
    """Grade the solution with ``variants`` substituted; one Verdict per variant (or kind).
    ``reuse``: mutants and helpers are graded in a kernel kept from the previous one."""
    current = worker()
    grader, aid = current.grader, current.assignment
    source, release = grader.source, grader.release   # read once, when the worker's grader was made
    select = stop = None
    if kind == CheckKind.BLANK:
        nb = copy.deepcopy(release)
    elif not variants:
        nb = submission_for(source, release, {})
    else:
        nb = submission_for(source, release, {v.grade_id: v.source for v in variants})
        select = _selector({v.grade_id: _original(source, v.grade_id) for v in variants})
        if kind == CheckKind.LEAK:     # only the parts' own tests: the points a helper could earn
            select = _part_selector({t for v in variants for t in v.caught_by})
        if kind == CheckKind.MUTANT:   # one catching test is enough: stop there
            caught_by = variants[0].caught_by
            stop = lambda t: not t.passed and (not caught_by or t.grade_id in caught_by)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        path = os.path.join(tmp, f"{aid}.ipynb")
        nbformat.write(nb, path)
        result = grader.grade(path, student=kind, assignment=aid, select=select, stop=stop,
                              reuse=kind in (CheckKind.MUTANT, CheckKind.LEAK) and reuse)
    if kind == CheckKind.LEAK:
        return [_verdict(kind, v, result, source, grader) for v in variants]
    if kind == CheckKind.VALID and len(variants) > 1 and result.plan is not None:
        # each alternative is answerable for the tests its own cell can affect
        verdicts = []
        for v in variants:
            own = _selector({v.grade_id: _original(source, v.grade_id)})(result.plan)
            mine = {result.plan.steps[i].grade_id for i in own if result.plan.steps[i].kind == StepKind.TEST}
            part = copy.copy(result)
            part.tests = [t for t in result.tests if t.grade_id in mine]
            verdicts.append(_verdict(kind, v, part, source, grader))
        return verdicts
    return [_verdict(kind, v, result, source, grader) for v in (variants or [None])]


def _original(source, gid):
    return next(c.source for c in source.cells if C.grade_id(c) == gid)


def _verdict(kind, variant, result, source, grader):
    v = Verdict(variant.name if variant else kind, kind, variant.grade_id if variant else "",
                variant.description if variant else "", seconds=round(result.seconds, 1))
    v.ran_tests = [t.grade_id for t in result.tests]
    v.failing = [t.grade_id for t in result.tests if not t.passed]
    v.mistakes = [t.mistake for t in result.tests if not t.passed and t.mistake]
    messages = "; ".join(f"{t.grade_id}: {t.message.splitlines()[0] if t.message else ''}"
                         for t in result.tests if not t.passed)[:2000]
    n_tests = len(C.test_cells(source))
    if result.error and kind != CheckKind.BLANK:
        v.problem = result.error
    elif kind == CheckKind.SOLUTION:
        in_budget = result.seconds <= grader.budget
        v.ok = not v.failing and len(v.ran_tests) == n_tests and not result.notes and in_budget
        v.problem = messages or "; ".join(result.notes) or (
            "" if in_budget else f"took {result.seconds:.0f} s, over the {grader.budget:g} s budget")
    elif kind == CheckKind.VALID:
        v.ok = not v.failing
        v.problem = messages if not v.ran_tests or v.failing else ""
        if not v.ran_tests:
            v.problem = "no test cell uses this cell"
    elif kind == CheckKind.LEAK:
        earned = [t for t in result.tests if t.grade_id in variant.caught_by and t.passed]
        v.ok = not earned
        if earned:
            v.problem = (f"rule 5 (nothing a student can see is the answer): {variant.description}, "
                         f"called as the answer to {variant.grade_id}, earns "
                         f"{sum(t.score for t in earned):g} point(s) on "
                         f"{', '.join(t.grade_id for t in earned)}")
    elif kind == CheckKind.BLANK:
        passing = [t.grade_id for t in result.tests if t.passed]
        v.ok = not passing and len(v.ran_tests) == n_tests
        v.problem = f"passes with no answers: {', '.join(passing)}" if passing else ""
    else:
        v.problem = mutant_problem(variant, result, _original(source, variant.grade_id))
        v.ok = not v.problem
    return v


def mutant_problem(variant, result, original):
    """Why a graded mutant does not count as caught ("" if it does): it must survive no
    test, and its catch must follow rules 1-4 (autograder/README.md, "caught")."""
    failing = [t for t in result.tests if not t.passed]
    if not result.tests:
        return "survives: no test cell uses this cell"
    broken = _cell_error(variant.grade_id, result)
    if broken:
        return f"rule 1 (its cell must run): its cell {broken}; a broken or stale mutant is not a catch"
    missing = mutants.top_level_names(original) - mutants.top_level_names(variant.source)
    if missing:
        return (f"rule 1 (its cell must define what the solution's does): it does not define "
                f"{', '.join(sorted(missing))}")
    if not failing:
        return "survives: every test it can affect passed"
    catching = [t for t in failing if t.grade_id in variant.caught_by]
    if not catching:
        return (f"rule 2 (caught by the declared test): failed {', '.join(t.grade_id for t in failing)}, "
                f"but its caught_by is {', '.join(variant.caught_by)}")
    fair = [t for t in catching if t.mistake or not t.broken_code]
    if not fair:
        t = catching[0]
        return (f"rule 3 (a check must fail, not the mutant's own code): {t.grade_id} failed because "
                f"the code raised {t.error}: {_first_line(t.message)}")
    if variant.names_mistake and not any(_names(t, variant.names_mistake) for t in fair):
        t = fair[0]
        said = f"mistake {t.mistake!r}" if t.mistake else repr(_first_line(t.message))
        return (f"rule 4 (the named mistake): {t.grade_id} did not name {variant.names_mistake!r}; "
                f"it said {said}")
    return ""


def _cell_error(gid, result):
    """How the answer cell ``gid`` failed to run in ``result``, or ""."""
    for pos, step in enumerate(result.plan.steps):
        if step.origin == Origin.ANSWER and step.grade_id == gid:
            errors = [o for o in result.outputs.get(pos, []) if o.get("output_type") == "error"]
            if errors:
                return f"raised {errors[0].get('ename')}: {errors[0].get('evalue')}"
    return result.broke_kernel.get(gid, "")


def _names(test, mistake):
    """True if the failed ``test`` names ``mistake``: its id (``TestResult.mistake``), or
    text its message contains (the id's registered text, or the words given)."""
    if test.mistake == mistake:
        return True
    texts = [mistake]
    try:
        from hwlib import mistakes as registry
        if registry.is_id(mistake):
            texts.append(registry.text(mistake))
    except (ImportError, KeyError, AttributeError):
        pass
    return any(text.lower() in test.message.lower() for text in texts)


def _first_line(message):
    return (message or "").strip().split("\n", 1)[0][:200]


def validate(assignment: str, extra_dirs: Iterable[str | os.PathLike[str]] = (), workers: int = 2,
             json_path: str | os.PathLike[str] | None = None, echo: Callable[[str], object] = print,
             fresh_kernels: bool = False, subset: str | None = None, check_leaks: bool = True,
             leaks_only: bool = False, config: GradingConfig | None = None,
             **_ignored: object) -> bool:
    """Run every check for ``assignment``; print a table; return True if all passed.

    ``check_leaks``: also rule 5, every visible helper called as each graded part's
    answer must earn nothing (:mod:`autograder.leaks`); ``leaks_only``: rule 5 (with the
    solution and the blank release) without the mutants and valid alternatives.
    ``subset="mini"`` checks the tests' bars for hwlib's shipped mini subsets (what the
    offline demo grades on); ``"full"`` or None: the full data. ``config``: how to grade
    (default: the environment's settings).
    """
    config = config or GradingConfig.from_env()
    if subset:   # the kernels and the graders' own set-up load it
        config = config.with_(subset=subset)
        echo(f"validate {assignment}: on the {subset} data subset")
    root = course_root(config)
    entry = manifest.get(assignment, root)
    if not entry.release.is_file():
        from .release import release
        release(assignment, root, echo=echo)
    variants = mutants.load([mutants.bank(assignment, root), *extra_dirs])
    source = C.read(entry.source)
    known = C.answer_cells(source)
    for v in variants:
        if v.grade_id not in known:
            raise mutants.CourseError(f"{v.path}: grade_id {v.grade_id!r} is not an answer cell "
                                      f"of {assignment}; known: {', '.join(sorted(known))}")
    mutants.resolve(variants, {gid: source.cells[i].source for gid, i in known.items()})
    valid = group_valid([v for v in variants if v.kind == CheckKind.VALID])
    leaked = [] if not (check_leaks or leaks_only) else leaks.independent_groups(
        leaks.variants(assignment, root, source, C.read(entry.release)), source)
    if leaks_only:
        valid, variants = [], []
    jobs = ([(CheckKind.SOLUTION, None), (CheckKind.BLANK, None)] + [(CheckKind.VALID, g) for g in valid]
            + [(CheckKind(v.kind), v) for v in variants if v.kind != CheckKind.VALID]
            + [(CheckKind.LEAK, g) for g in leaked])
    start = time.perf_counter()
    job = functools.partial(_job, reuse=not fresh_kernels)
    with grader_pool(workers, assignment, root, config) as pool:
        verdicts = [v for out in pool.map(job, *zip(*jobs, strict=True)) for v in out]
    elapsed = time.perf_counter() - start
    _print_table(assignment, verdicts, elapsed, echo)
    if json_path:
        with open(json_path, "w") as fh:
            json.dump({"assignment": assignment, "seconds": round(elapsed, 1),
                       "verdicts": [asdict(v) for v in verdicts]}, fh, indent=2)
    return all(v.ok for v in verdicts)


def _print_table(assignment, verdicts, elapsed, echo):
    echo(f"validate {assignment}")
    rows = [("check", "kind", "cell", "result", "failing tests", "s")]
    for v in verdicts:
        if v.kind == CheckKind.LEAK and v.ok:
            continue      # hundreds of them: counted in the summary line
        result = "ok" if v.ok else "FAIL"
        if v.kind == CheckKind.MUTANT and v.ok:
            result = "caught"
        rows.append((v.name, v.kind, v.grade_id or "-", result,
                     ", ".join(v.failing) or "-", f"{v.seconds:.1f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    for v in verdicts:
        if v.problem:
            echo(f"{'!!' if not v.ok else 'note'} {v.name}: {v.problem}")
    n_mut = sum(v.kind == CheckKind.MUTANT for v in verdicts)
    caught = sum(v.kind == CheckKind.MUTANT and v.ok for v in verdicts)
    n_valid = sum(v.kind == CheckKind.VALID for v in verdicts)
    valid_ok = sum(v.kind == CheckKind.VALID and v.ok for v in verdicts)
    n_leak = sum(v.kind == CheckKind.LEAK for v in verdicts)
    leaking = sum(v.kind == CheckKind.LEAK and not v.ok for v in verdicts)
    ok = all(v.ok for v in verdicts)
    echo(f"{'PASSED' if ok else 'FAILED'}: solution {'full marks' if verdicts[0].ok else 'NOT full marks'}, "
         f"blank {'scores 0' if verdicts[1].ok else 'passes some tests'}, "
         f"{caught}/{n_mut} mutants caught, {valid_ok}/{n_valid} valid alternatives full marks, "
         f"{leaking}/{n_leak} visible helpers earn points as an answer ({elapsed:.0f} s)")
