"""Section 7: the grading footprint in the box a course really gets (Gradescope's default
container: 768 MB and half a CPU for the whole autograder, 10 minutes).

For every assignment: its Gradescope zip is installed (reusing this venv) and
``run_autograder`` grades the solution inside a box of half a CPU and a generous memory
cap (so the peak is measured, not cut off); the row gives the peak (the box's cgroup
high-water mark: the grader, its kernels nested inside, the page cache they touch), the
seconds, the score, and whether it fits the memory ``course.toml`` promises
(``box_memory_mb``; tests/test_box.py holds the 768 MB ones to it).
"""
from functools import partial

from autograder import manifest
from autograder.course import CourseError
from autograder.gradescope.build import build
from autograder.gradescope.rehearsal import installed, run_submission, solution
from autograder.grading.runner import PLATFORM_SECONDS
from autograder.report import max_score_of

from .box import BoxUnavailable, run_in_box
from .common import rounded

CPUS = 0.5
MEASURE_MB = 4096          # the cap while measuring: above every assignment's peak


def run(root, quick=False, echo=print, deadline=None, out_dir=None):
    """``{"status", "rows": [...]}``; assignments left when time runs out are named."""
    if quick:
        return _self_check(echo)
    rows, skipped = [], []
    entries = manifest.load(root)
    for aid, entry in entries.items():
        # a solution at half a CPU takes about twice its budget; leave room for it
        if deadline is not None and deadline.remaining() < 2 * entry.budget_seconds + 60:
            skipped.append(aid)
            continue
        try:
            zip_path = build(aid, out_dir or root / "artifacts" / "bench-zips", echo=lambda *_: None)
            with installed(zip_path) as (groot, env):
                data, seconds, box = run_submission(groot, env, solution(aid),
                                                    box=partial(run_in_box, memory_mb=MEASURE_MB, cpus=CPUS))
        except (BoxUnavailable, CourseError, RuntimeError, OSError) as exc:
            return {"status": "skipped", "reason": f"{type(exc).__name__}: {exc}"[:300], "rows": rows}
        top = max_score_of(data) if data else 0
        row = {"assignment": aid, "budget_s": entry.budget_seconds, "promised_mb": entry.box_memory_mb,
               "recorded_peak_mb": entry.box_peak_mb, "recorded_seconds": entry.box_seconds,
               "peak_mb": rounded(box.peak_mb, 0), "seconds": rounded(seconds, 1),
               "score": data.get("score", 0), "max_score": top, "oom_kills": box.oom_kills,
               "layer": box.layer}
        row["fits"] = (box.peak_mb <= entry.box_memory_mb and seconds < PLATFORM_SECONDS
                       and top > 0 and row["score"] == top)
        echo(f"[bench] footprint {aid}: peak {row['peak_mb']:.0f} MB (promised "
             f"{entry.box_memory_mb} MB), {row['seconds']:.0f} s at {CPUS:g} CPU, "
             f"{row['score']:g}/{top:g}")
        rows.append(row)
    out = {"status": "ok", "cpus": CPUS, "cap_mb": MEASURE_MB, "rows": rows}
    if skipped:
        out["not_measured"] = skipped
    return out


def _self_check(echo):
    """Quick mode (the zips bundle the full data): the box itself, on a process that holds
    64 MB, in a 256 MB box: its peak must show the 64 MB."""
    import sys

    code = "import numpy as np; a = np.ones(64 * 2**20 // 8); a += 1; print(int(a.sum()))"
    try:
        box = run_in_box([sys.executable, "-c", code], memory_mb=256, cpus=CPUS, timeout=120)
    except BoxUnavailable as exc:
        return {"status": "skipped", "reason": f"no box here: {exc}"}
    ok = box.returncode == 0 and box.peak_mb >= 64 and box.oom_kills == 0
    echo(f"[bench] footprint self-check: peak {box.peak_mb:.0f} MB in a 256 MB box, rc {box.returncode}")
    row = {"assignment": "box self-check (64 MB array)", "budget_s": 0, "promised_mb": 256,
           "peak_mb": rounded(box.peak_mb, 0), "seconds": rounded(box.seconds, 1), "score": float(ok),
           "max_score": 1.0, "oom_kills": box.oom_kills, "layer": box.layer, "fits": ok}
    return {"status": "ok", "cpus": CPUS, "cap_mb": 256, "rows": [row],
            "notes": ["quick mode: the box self-check only (the assignments' zips bundle the full data)"]}


def markdown(sec):
    """The section's table rows (header first)."""
    header = ["assignment", "peak MB (grader + kernels)", "promised MB", "seconds at ½ CPU",
              "score", "fits", "course.toml records"]
    rows = [[r["assignment"], f"{r['peak_mb']:.0f}", str(r["promised_mb"]), f"{r['seconds']:.0f}",
             f"{r['score']:g}/{r['max_score']:g}", "yes" if r["fits"] else "**NO**", _recorded(r)]
            for r in sec.get("rows", [])]
    return header, rows


def _recorded(row):
    """What the manifest quotes (box_peak_mb / box_seconds: the Gradescope zip's README)."""
    if row.get("recorded_peak_mb") is None:
        return "nothing: add box_peak_mb / box_seconds"
    return f"{row['recorded_peak_mb']} MB, {row['recorded_seconds']:g} s"


def targets(sec):
    return [{"target": f"{r['assignment']}: the solution graded with full marks in <= "
                       f"{r['promised_mb']} MB and < 10 min at half a CPU",
             "measured": f"{r['peak_mb']:.0f} MB, {r['seconds']:.0f} s, {r['score']:g}/{r['max_score']:g}",
             "met": r["fits"]} for r in sec.get("rows", []) if r["budget_s"] > 0]
