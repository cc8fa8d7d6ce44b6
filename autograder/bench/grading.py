"""Section 3: autograding time, through the real grader (sandboxed kernel, tests outside).

* per assignment: one correct submission (``validate.submission_for(source, release, {})``:
  the release with the source's answers) graded by ``grader_for(...).grade`` with one
  thread, as a batch worker grades it; for every assignment of ``course/course.toml``
  that has a source notebook and a release;
* batch: N copies of a correct hw1 submission (hw1 even if the manifest does not list it
  yet, as long as it has a source and a release) under ``submitted/<student>/`` of a scratch
  copy of the course, graded by ``batch.grade(..., workers=1)`` and then ``workers=2``
  (the gradebook is registered first, outside the timing); the speed-up and whether every
  grade is identical (between the two runs and across the N identical submissions);
* the whole course for one student: the sum of the per-assignment times, and one run
  that grades every assignment of one student end to end with ``batch.grade`` (worker
  start-up, gradebook, feedback notebooks and reports included).

The batch and whole-course runs share one scratch copy of the course whose gradebook is
registered once, first (nbgrader ``generate_assignment``; timed separately).
"""
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from .common import rounded

BATCH_ASSIGNMENT = "hw1_numpy_backprop"
N_SUBMISSIONS = 20
MIN_SUBMISSIONS = 4
BATCH_SHARE = 0.6    # the batch may use at most this share of the remaining time budget
UID = 20300          # the sandbox uid of the single gradings (batch workers use 20000 + slot)


def graded_assignments(root):
    """Manifest assignments with a source notebook and a release, in manifest order.

    A course without ``course/course.toml`` (e.g. the toy course) uses ``source/``.
    """
    from .. import manifest
    from ..course import assignments, release_notebook, source_notebook

    root = Path(root)
    listed = list(manifest.load(root)) if (root / "course" / "course.toml").is_file() else assignments(root)
    out, skipped = [], {}
    for aid in listed:
        try:
            source_notebook(aid, root)
        except Exception:  # noqa: BLE001 - CourseError: listed but not written yet
            skipped[aid] = "no source notebook yet"
            continue
        if not release_notebook(aid, root).is_file():
            skipped[aid] = "no release yet (python -m autograder release <id>)"
            continue
        out.append(aid)
    return out, skipped


def _has_release(aid, root):
    from ..course import release_notebook

    root = Path(root)
    return (root / "source" / aid / f"{aid}.ipynb").is_file() and release_notebook(aid, root).is_file()


def correct_submission(aid, root):
    from .. import cells as C
    from ..course import release_notebook, source_notebook
    from ..validate import submission_for

    return submission_for(C.read(source_notebook(aid, root)), C.read(release_notebook(aid, root)), {})


def _uid(offset=0):
    return UID + offset if os.geteuid() == 0 else None


def grade_once(aid, root, threads=1):
    from ..grade_one import grader_for

    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        path = os.path.join(tmp, f"{aid}.ipynb")
        nbformat.write(correct_submission(aid, root), path)
        grader = grader_for(aid, root, threads=threads, uid=_uid())
        start = time.perf_counter()
        result = grader.grade(path, student="bench", assignment=aid)
        wall = time.perf_counter() - start
    return result, wall, grader.budget


def scratch_course(root, dest):
    """A copy of the course (config, manifest, source, release) to grade in."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(root) / "nbgrader_config.py", dest)
    for folder in ("course", "source", "release"):
        if (Path(root) / folder).is_dir():
            shutil.copytree(Path(root) / folder, dest / folder)
    return dest


def _put(course, student, aid, nb):
    folder = Path(course) / "submitted" / student / aid
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / f"{aid}.ipynb"))


def _grades(results):
    return {s: [(t.grade_id, t.score) for t in r.tests] for s, r in sorted(results.items())}


def run(root, quick=False, echo=print, deadline=None):
    from .. import batch, gradebook
    from .. import cells as C
    from ..course import source_notebook

    aids, skipped = graded_assignments(root)
    out = {"status": "ok", "course": str(root), "rows": [], "skipped": skipped, "notes": []}
    if not aids:
        return {**out, "status": "skipped", "reason": "no assignment has a source and a release"}

    # 1. one correct submission per assignment
    for aid in aids:
        result, wall, budget = grade_once(aid, root)
        full = result.max_score > 0 and result.score == result.max_score and not result.error
        out["rows"].append({
            "id": f"grade_{aid}", "assignment": aid, "seconds": rounded(result.seconds, 2),
            "wall_s": rounded(wall, 2), "budget_s": budget, "score": result.score,
            "max_score": result.max_score, "full_marks": full,
            "failed": [t.grade_id for t in result.tests if not t.passed],
            "error": result.error, "isolation": result.isolation})
        echo(f"[grading] {aid}: one correct submission graded in {result.seconds:.1f} s "
             f"(budget {budget:g} s): {result.summary()}")
        if not full:
            out["notes"].append(f"{aid}: the correct submission did not get full marks "
                                f"({result.score:g}/{result.max_score:g}; failed "
                                f"{', '.join(out['rows'][-1]['failed']) or '-'}{'; ' + result.error if result.error else ''})")
    total = sum(r["seconds"] for r in out["rows"])
    out["course_sum_s"] = rounded(total, 2)

    # 2. one scratch copy of the course, every assignment registered in its gradebook once
    aid = BATCH_ASSIGNMENT if _has_release(BATCH_ASSIGNMENT, root) else aids[0]
    n = 2 if quick else N_SUBMISSIONS
    if not quick and deadline is not None:
        # 1 worker then 2 workers cost about 1.5 x n single gradings; keep the batch within
        # BATCH_SHARE of what is left of the budget (the notebooks need the rest)
        per = next((r["seconds"] for r in out["rows"] if r["assignment"] == aid),
                   max(r["seconds"] for r in out["rows"]))
        fit = int(BATCH_SHARE * deadline.remaining() / (1.5 * per + 1e-9))
        if fit < n:
            out["notes"].append(f"batch reduced from {n} to {max(MIN_SUBMISSIONS, fit)} submissions "
                                f"to fit the time budget ({per:.0f} s per grading)")
            n = max(MIN_SUBMISSIONS, fit)
    quiet = lambda *_: None  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        course = scratch_course(root, Path(tmp) / "course")
        start = time.perf_counter()
        for a in dict.fromkeys([*aids, aid]):
            gradebook.ensure_registered(a, course, C.read(source_notebook(a, course)))
        register_s = time.perf_counter() - start

        # 3. the whole course for one student, as one run
        for a in aids:
            _put(course, "alice", a, correct_submission(a, course))
        start = time.perf_counter()
        scores = {}
        for a in aids:
            r = batch.grade(a, workers=1, root=course, echo=quiet, progress=False)["alice"]
            scores[a] = f"{r.score:g}/{r.max_score:g}"
        one_run = time.perf_counter() - start
        shutil.rmtree(course / "submitted" / "alice")
        out["course"] = {"assignments": aids, "sum_of_single_gradings_s": rounded(total, 2),
                         "one_run_s": rounded(one_run, 2), "scores": scores}
        echo(f"[grading] whole course for one student ({len(aids)} assignment(s)): sum of single "
             f"gradings {total:.1f} s, as one run {one_run:.1f} s")

        # 4. N identical correct submissions of one assignment, with 1 and then 2 workers
        nb = correct_submission(aid, course)
        for i in range(n):
            _put(course, f"student{i + 1:02d}", aid, nb)
        runs = {}
        for workers in (1, 2):
            start = time.perf_counter()
            results = batch.grade(aid, workers=workers, root=course, echo=quiet, progress=False)
            runs[workers] = (time.perf_counter() - start, _grades(results))
            first = results[min(results)]
            score = f"{first.score:g}/{first.max_score:g}"
            echo(f"[grading] {n} x {aid} with {workers} worker(s): {runs[workers][0]:.1f} s")
    (t1, g1), (t2, g2) = runs[1], runs[2]
    distinct = {tuple(v) for v in g1.values()} | {tuple(v) for v in g2.values()}
    out["batch"] = {"assignment": aid, "submissions": n, "score": score,
                    "register_s": rounded(register_s, 2),
                    "workers_1_s": rounded(t1, 2), "workers_2_s": rounded(t2, 2),
                    "per_submission_1_s": rounded(t1 / n, 2), "per_submission_2_s": rounded(t2 / n, 2),
                    "speedup_2_over_1": rounded(t1 / t2, 2),
                    "identical_between_runs": g1 == g2,
                    "identical_across_submissions": len(distinct) == 1}
    echo(f"[grading] speed-up with 2 workers: {t1 / t2:.2f}x; grades identical between runs: "
         f"{g1 == g2}, across the {n} identical submissions: {len(distinct) == 1}")
    if g1 != g2 or len(distinct) != 1:
        out["notes"].append(f"{aid}: identical submissions got different grades: {sorted(distinct)}")
    return out
