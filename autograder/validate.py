"""``validate``: test the tests of one assignment.

1. the source solutions get full marks on every autograded test;
2. the blank student version (solutions replaced by stubs, hidden tests kept) passes none;
3. every mutant fails at least one test, and every valid alternative gets full marks.

A variant re-runs only the test cells its cell can affect, plus the cells those need
(see ``autograder.slicing``), each in its own fresh kernel; variants run in parallel.
"""
import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field

from . import cells as C
from . import execute, mutants, slicing
from .course import course_root, source_notebook


@dataclass
class Verdict:
    name: str
    kind: str            # "solution", "blank", "mutant", "valid"
    grade_id: str = ""
    description: str = ""
    ok: bool = False
    failing: list = field(default_factory=list)   # test grade_ids that failed
    ran_tests: list = field(default_factory=list)
    seconds: float = 0.0
    problem: str = ""


def _job(args):
    """Run one check in a worker process (fresh kernel); returns a Verdict."""
    path, kind, variant, cell_timeout = args
    nb = C.read(path)
    tests = dict(C.test_cells(nb))
    only = None
    if kind == "blank":
        nb = C.blank(nb)
    elif variant is not None:
        gid_index = C.answer_cells(nb)[variant.grade_id]
        original = nb.cells[gid_index].source
        nb = C.substitute(nb, {variant.grade_id: variant.source})
        sources = [c.source for c in nb.cells]
        also = slicing.names(original)[0]
        targets = [i for i in slicing.affected(sources, gid_index, also) if i in tests]
        if not targets:
            return Verdict(variant.name, kind, variant.grade_id, variant.description,
                           ok=(kind == "valid"), problem="no test cell uses this cell")
        first_answer = min(C.answer_cells(nb).values())
        always = list(range(first_answer)) + list(C.answer_cells(nb).values())
        only = slicing.needed(sources, targets, always)
    result = execute.run(nb, only=only, cell_timeout=cell_timeout)
    ran = [i for i in tests if i in result.outcomes]
    failing = [C.grade_id(tests[i]) for i in ran if not result.test_passed(i)]
    stderr = [C.grade_id(tests[i]) for i in ran if result.outcomes[i].stderr]
    v = Verdict(variant.name if variant else kind, kind,
                variant.grade_id if variant else "", variant.description if variant else "",
                failing=failing, ran_tests=[C.grade_id(tests[i]) for i in ran],
                seconds=round(result.seconds, 1))
    if kind in ("solution", "valid"):
        complete = kind == "valid" or len(ran) == len(tests)
        v.ok = not failing and not stderr and complete
        if failing:
            v.problem = "; ".join(f"{C.grade_id(tests[i])}: {result.outcomes[i].error}"
                                  for i in ran if not result.test_passed(i))[:2000]
        elif stderr:
            v.problem = f"stderr output in {', '.join(stderr)} (nbgrader would score these 0)"
        elif len(ran) != len(tests):
            v.problem = result.fatal or "not every test cell ran"
    elif kind == "blank":
        passing = [C.grade_id(tests[i]) for i in tests if result.test_passed(i)]
        v.ok = not passing
        v.problem = f"passes with no answers: {', '.join(passing)}" if passing else ""
    else:  # mutant
        v.ok = bool(failing)
        if not failing:
            v.problem = "survives: every test it can affect passed"
        elif variant.caught_by and not set(variant.caught_by) & set(failing):
            v.problem = f"expected to be caught by {', '.join(variant.caught_by)}"
    return v


def validate(assignment, extra_dirs=(), workers=2, cell_timeout=300, json_path=None, echo=print):
    """Run every check for ``assignment``; print a table; return True if all passed."""
    root = course_root()
    path = source_notebook(assignment, root)
    variants = mutants.load([root / "autograder" / "mutants" / assignment, *extra_dirs])
    known = C.answer_cells(C.read(path))
    for v in variants:
        if v.grade_id not in known:
            raise mutants.CourseError(f"{v.path}: grade_id {v.grade_id!r} is not an answer cell "
                                      f"of {assignment}; known: {', '.join(sorted(known))}")
    jobs = [(str(path), "solution", None, cell_timeout), (str(path), "blank", None, cell_timeout)]
    jobs += [(str(path), v.kind, v, cell_timeout) for v in variants]
    start = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx) as pool:
        verdicts = list(pool.map(_job, jobs))
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
        result = "ok" if v.ok else "FAIL"
        if v.kind == "mutant" and v.ok:
            result = "caught"
        rows.append((v.name, v.kind, v.grade_id or "-", result,
                     ", ".join(v.failing) or "-", f"{v.seconds:.1f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    for v in verdicts:
        if v.problem:
            echo(f"{'!!' if not v.ok else 'note'} {v.name}: {v.problem}")
    n_mut = sum(v.kind == "mutant" for v in verdicts)
    caught = sum(v.kind == "mutant" and v.ok for v in verdicts)
    n_valid = sum(v.kind == "valid" for v in verdicts)
    valid_ok = sum(v.kind == "valid" and v.ok for v in verdicts)
    ok = all(v.ok for v in verdicts)
    echo(f"{'PASSED' if ok else 'FAILED'}: solution {'full marks' if verdicts[0].ok else 'NOT full marks'}, "
         f"blank {'scores 0' if verdicts[1].ok else 'passes some tests'}, "
         f"{caught}/{n_mut} mutants caught, {valid_ok}/{n_valid} valid alternatives full marks "
         f"({elapsed:.0f} s)")
