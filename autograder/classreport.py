"""``report <id>``: the class report of a graded assignment, ``reports/<id>.html`` + ``.json``.

One self-contained page (plots inline as base64 PNG, no network) with the score
histogram, each test's pass rate, the named mistakes behind each test's failures (and
who made them), failures no named mistake explains ("other"), the grading times, the
flagged submissions, the written answers still to grade by hand, and the pairs of
submissions whose answers are alike (:mod:`autograder.similarity`: ``similar_pairs``).

Data: each student's ``autograded/<student>/<id>/results.json`` (what ``grade`` wrote)
and the gradebook for the written answers (their points and whether they still need
grading). ``total`` = automatic + manual points - the late penalty (never below 0), the
number nbgrader's ``export`` puts in ``grades.csv`` as ``score``.
"""
import base64
import io
import json
import statistics
import time
from pathlib import Path

from . import cells as C
from .course import CourseError, course_root, source_notebook
from .report import max_score_of, mistake_of, write_json_atomic

TEMPLATE = Path(__file__).parent / "templates" / "class_report.html.j2"
SLOWEST = 5


def _load_results(assignment, root):
    """``{student: results.json dict}`` of every graded submission."""
    base = Path(root) / "autograded"
    out = {}
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        path = folder / assignment / "results.json"
        if path.is_file():
            try:
                out[folder.name] = json.loads(path.read_text())
            except json.JSONDecodeError as exc:
                raise CourseError(f"{path} is not valid JSON ({exc}): re-run grade {assignment}") from None
    return out


def _manual_grades(assignment, root, written):
    """``{student: {grade_id: manual score or None}}`` of the written answers, from the gradebook."""
    import warnings

    from nbgrader.api import MissingEntry

    from . import gradebook

    if not written or not (Path(root) / "gradebook.db").is_file():
        return {}
    out = {}
    with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
        warnings.simplefilter("ignore")
        try:
            submissions = gb.find_assignment(assignment).submissions
        except MissingEntry:
            return {}
        for sub in submissions:
            grades = {g.name: g for nb in sub.notebooks for g in nb.grades if g.name in written}
            out[sub.student.id] = {gid: (g.manual_score if g.manual_score is not None else None)
                                   for gid, g in grades.items()}
    return out


def build(assignment, root=None):
    """The report's data as a JSON-ready dict (no plots)."""
    from hwlib import mistakes as registry

    root = Path(root or course_root())
    source = C.read(source_notebook(assignment, root))
    order = [C.grade_id(c) for _, c in C.test_cells(source)]
    written = {C.grade_id(c): C.points(c) for c in source.cells if C.is_manual(c)}
    results = _load_results(assignment, root)
    if not results:
        raise CourseError(f"no graded submissions in autograded/*/{assignment}/: run grade {assignment} first")
    manual = _manual_grades(assignment, root, written)
    texts = registry.registry()

    students, tests = [], {gid: {"grade_id": gid, "max_score": 0.0, "passed": 0, "failed": 0,
                                 "mistakes": {}, "other": []} for gid in order}
    for student, res in results.items():
        man = manual.get(student, {})
        manual_points = sum(v for v in man.values() if v is not None)
        extra = res.get("extra_data", {})
        raw, penalty = extra.get("raw_score", res["score"]), extra.get("late_penalty", 0.0)
        students.append({
            "student": student, "auto_score": raw, "auto_max": max_score_of(res),
            "manual_score": manual_points, "manual_max": sum(written.values()),
            "late_penalty": penalty, "late": extra.get("late", ""),
            "total": max(0.0, raw + manual_points - penalty),
            "max_score": max_score_of(res) + sum(written.values()),
            "seconds": res.get("execution_time"),
            "flags": extra.get("flags", []), "notes": extra.get("notes", []), "error": extra.get("error", ""),
            "to_grade": [gid for gid in written if man.get(gid) is None],
        })
        for t in res["tests"]:
            row = tests.setdefault(t["name"], {"grade_id": t["name"], "max_score": 0.0, "passed": 0,
                                               "failed": 0, "mistakes": {}, "other": []})
            row["max_score"] = t["max_score"]
            if t["status"] == "passed":
                row["passed"] += 1
                continue
            row["failed"] += 1
            mid = mistake_of(t)
            if mid:
                entry = row["mistakes"].setdefault(mid, {"id": mid, "text": texts.get(mid, "(not in the registry)"),
                                                         "students": []})
                entry["students"].append(student)
            else:
                row["other"].append(student)
    for row in tests.values():
        graded = row["passed"] + row["failed"]
        row["pass_rate"] = row["passed"] / graded if graded else None
        row["mistakes"] = sorted(row["mistakes"].values(), key=lambda m: (-len(m["students"]), m["id"]))
        for m in row["mistakes"]:
            m["count"] = len(m["students"])
    times = [s["seconds"] for s in students if s["seconds"] is not None]
    from . import similarity

    alike = similarity.for_class(assignment, root)
    return {
        "assignment": assignment,
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "submissions": len(students),
        "auto_max": max(s["auto_max"] for s in students),
        "written": written,
        "mean_total": statistics.fmean(s["total"] for s in students),
        "students": students,
        "tests": [tests[g] for g in order if g in tests] + [r for g, r in tests.items() if g not in order],
        "timing": {"min": min(times), "median": statistics.median(times), "max": max(times),
                   "slowest": sorted(({"student": s["student"], "seconds": s["seconds"]}
                                      for s in students if s["seconds"] is not None),
                                     key=lambda r: -r["seconds"])[:SLOWEST]} if times else None,
        "flagged": [{"student": s["student"], "reasons": s["flags"]} for s in students if s["flags"]],
        "errors": [{"student": s["student"], "error": s["error"]} for s in students if s["error"]],
        "to_grade": [{"student": s["student"], "grade_id": g, "max_score": written[g]}
                     for s in students for g in s["to_grade"]],
        "similarity": {k: alike[k] for k in ("threshold", "min_tokens", "compared", "skipped", "error")},
        "similar_pairs": alike["pairs"],
    }


def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def plots(data):
    """``{"scores": base64 PNG, "times": base64 PNG}``: the two histograms."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    totals = [s["total"] for s in data["students"]]
    top = max(s["max_score"] for s in data["students"])
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.hist(totals, bins=min(20, max(5, int(top) + 1)), range=(0, top), color="#3b6ea8", edgecolor="white")
    ax.set(title=f"Scores of {len(totals)} submission(s)", xlabel=f"points (of {top:g})", ylabel="submissions")
    out["scores"] = _png(fig)
    plt.close(fig)
    times = [s["seconds"] for s in data["students"] if s["seconds"] is not None]
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.hist(times, bins=min(20, max(5, len(times))), color="#8a6d3b", edgecolor="white")
    ax.set(title="Grading time per submission", xlabel="seconds", ylabel="submissions")
    out["times"] = _png(fig)
    plt.close(fig)
    return out


def render(data, images):
    """The HTML page (Jinja2, autoescaped)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE.name).render(d=data, img=images)


def write(assignment, root=None, echo=print):
    """Write ``reports/<id>.html`` and ``reports/<id>.json``; returns their paths."""
    root = Path(root or course_root())
    data = build(assignment, root)
    html = render(data, plots(data))
    out = root / "reports"
    out.mkdir(exist_ok=True)
    json_path, html_path = out / f"{assignment}.json", out / f"{assignment}.html"
    write_json_atomic(json_path, data)
    tmp = html_path.with_suffix(".html.part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(html_path)
    echo(f"class report: {html_path} (+ {json_path.name})")
    return html_path, json_path
