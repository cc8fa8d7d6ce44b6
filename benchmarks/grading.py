"""Section 4: autograding time, through the real grader (sandboxed kernel, tests outside).

* the whole course for one student: a correct submission of every assignment of
  ``course/course.toml`` that has a source notebook and a release
  (``validate.submission_for(source, release, {})``: the release with the source's
  answers), graded end to end with ``batch.grade(..., workers=1)`` per assignment, as an
  instructor's batch grades it (worker start-up, gradebook, feedback notebook and report
  included). Each assignment's row is that grading: the grader's own time for the
  notebook, and the wall time of the whole ``batch.grade`` call;
* batch: N copies of a correct submission of the assignment that graded fastest above
  (the cheapest way to see the workers' speed-up) under ``submitted/<student>/`` of the
  same scratch copy of the course, graded by ``batch.grade(..., workers=1)`` and then
  ``workers=2``; the speed-up and whether every grade is identical (between the two runs
  and across the N identical submissions).

Both runs share one scratch copy of the course whose gradebook is registered once, first
(nbgrader ``generate_assignment``; timed separately).
"""
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from .common import rounded

N_SUBMISSIONS = 4
BATCH_SHARE = 0.9    # the batch may use at most this share of the remaining time budget
OVERHEAD_S = 15      # a batch.grade call beyond the grading itself (worker start-up, gradebook)


def graded_assignments(root):
    """Manifest assignments with a source notebook and a release, in manifest order.

    A course without ``course/course.toml`` (e.g. the toy course) uses ``source/``.
    """
    from autograder import manifest
    from autograder.course import assignments, release_notebook, source_notebook

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


def correct_submission(aid, root):
    from autograder import cells as C
    from autograder.course import release_notebook, source_notebook
    from autograder.validate import submission_for

    return submission_for(C.read(source_notebook(aid, root)), C.read(release_notebook(aid, root)), {})


def _row(aid, result, wall, budget):
    full = result.max_score > 0 and result.score == result.max_score and not result.error
    return {"id": f"grade_{aid}", "assignment": aid, "seconds": rounded(result.seconds, 2),
            "wall_s": rounded(wall, 2), "budget_s": budget, "score": result.score,
            "max_score": result.max_score, "full_marks": full,
            "failed": [t.grade_id for t in result.tests if not t.passed],
            "error": result.error, "isolation": result.isolation}


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
    from autograder import batch, gradebook, manifest
    from autograder import cells as C
    from autograder.course import source_notebook

    aids, skipped = graded_assignments(root)
    out = {"status": "ok", "course": str(root), "rows": [], "skipped": skipped, "notes": []}
    if not aids:
        return {**out, "status": "skipped", "reason": "no assignment has a source and a release"}

    n = 2 if quick else N_SUBMISSIONS
    quiet = lambda *_: None  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        # 1. one scratch copy of the course, every assignment registered in its gradebook once
        course = scratch_course(root, Path(tmp) / "course")
        start = time.perf_counter()
        for a in aids:
            gradebook.ensure_registered(a, course, C.read(source_notebook(a, course)))
        register_s = time.perf_counter() - start

        # 2. the whole course for one student, one batch.grade per assignment
        for a in aids:
            _put(course, "alice", a, correct_submission(a, course))
        course_start = time.perf_counter()
        for a in aids:
            need = manifest.budget(a, course) + OVERHEAD_S
            if not quick and deadline is not None and deadline.remaining() < need:
                skipped[a] = (f"{deadline.remaining():.0f} s of the time budget left, "
                              f"its grading may take {need:.0f} s")
                echo(f"[grading] {a}: not graded, {skipped[a]}")
                continue
            start = time.perf_counter()
            result = batch.grade(a, workers=1, root=course, echo=quiet, progress=False, force=True)["alice"]
            row = _row(a, result, time.perf_counter() - start, manifest.budget(a, course))
            out["rows"].append(row)
            echo(f"[grading] {a}: one correct submission graded in {result.seconds:.1f} s "
                 f"(budget {row['budget_s']:g} s): {result.summary()}")
            if not row["full_marks"]:
                out["notes"].append(f"{a}: the correct submission did not get full marks "
                                    f"({row['score']:g}/{row['max_score']:g}; failed "
                                    f"{', '.join(row['failed']) or '-'}{'; ' + row['error'] if row['error'] else ''})")
        one_run = time.perf_counter() - course_start
        shutil.rmtree(course / "submitted" / "alice")
        total = sum(r["seconds"] for r in out["rows"])
        graded = [r["assignment"] for r in out["rows"]]
        out["course"] = {"assignments": graded, "not_graded": [a for a in aids if a not in graded],
                         "sum_of_single_gradings_s": rounded(total, 2),
                         "one_run_s": rounded(one_run, 2),
                         "scores": {r["assignment"]: f"{r['score']:g}/{r['max_score']:g}" for r in out["rows"]}}
        echo(f"[grading] whole course for one student ({len(aids)} assignment(s)): {one_run:.1f} s "
             f"(the graders' own time {total:.1f} s)")

        if not out["rows"]:
            return out
        full = [r for r in out["rows"] if r["full_marks"]] or out["rows"]
        aid = min(full, key=lambda r: r["seconds"])["assignment"]     # the cheapest to grade
        if not quick and deadline is not None:
            # 1 worker then 2 workers cost about 1.5 x n single gradings (+ worker start-up):
            # run the batch only if it fits in BATCH_SHARE of what is left of the budget
            per = next(r["wall_s"] for r in out["rows"] if r["assignment"] == aid)
            need = 1.5 * n * per
            if need > BATCH_SHARE * deadline.remaining():
                out["notes"].append(f"batch of {n} x {aid} not run: it needs about {need:.0f} s and "
                                    f"{deadline.remaining():.0f} s of the time budget are left")
                out["register_s"] = rounded(register_s, 2)
                return out

        # 3. N identical correct submissions of one assignment, with 1 and then 2 workers
        nb = correct_submission(aid, course)
        for i in range(n):
            _put(course, f"student{i + 1:02d}", aid, nb)
        runs = {}
        for workers in (1, 2):
            start = time.perf_counter()
            results = batch.grade(aid, workers=workers, root=course, echo=quiet, progress=False, force=True)
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
