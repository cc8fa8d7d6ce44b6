"""``export --format canvas|moodle``: the gradebook as the LMS's own grade import CSV.

Scores are what nbgrader's ``grades.csv`` calls ``score``: automatic + written points,
minus the late penalty, never below 0; a student with no submission gets an empty cell
(both LMSs then leave that grade as it is).

**Canvas** (Gradebook → Import). Instructure's guide "How do I import grades in the
Gradebook?" (community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807)
and, found with it, Ohio State's "Import a CSV file to Carmen Grades"
(teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades)
and VCU's "Gradebook Action Menu" (ts.vcu.edu/askit/teaching-and-learning/canvas/...): the file is
the Gradebook export's layout, columns ``Student, ID, SIS User ID, SIS Login ID, Section``
(a student is matched by ``ID``, Canvas's user id, else by the SIS ids or the name), then
one column per assignment headed ``<assignment name> (<Canvas assignment id>)``; a
header without an id makes Canvas create a new assignment of that name; the second row
is ``Points Possible``. The user id comes from the file names of Canvas's
submission download (``<lastfirst>[_LATE]_<userid>_<submissionid>_<file>``), which
``collect`` records; an assignment's Canvas id and name from ``course/course.toml``:
``canvas_assignment_id = 12345`` and ``lms_name = "HW1: backprop"`` in its ``[[assignment]]``.

**Moodle** (Grades → Import → CSV file). MoodleDocs "Grade import"
(docs.moodle.org/311/en/Grade_import): a CSV with a header row, one user identifier
column and one column per grade item; at import each column is mapped ("Map from" a
column "to" ``username``, ``useremail`` or ``useridnumber``; each other column to a grade
item). Written here: ``Username`` (the course's student id, the hub's login), ``Email address``
(from the gradebook, when known), then a column per assignment named as its grade item
(``lms_name``, else the id).
"""
from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

from . import atomic
from .course import CourseError, course_root

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["Username", "Email address"]
FORMATS = ("canvas", "moodle")


def _manifest(root):
    from . import manifest

    try:
        _, data = manifest.read(root)
    except CourseError:
        return {}
    return {e["id"]: e for e in data.get("assignment", []) if "id" in e}


def gradebook_scores(root):
    """``(assignments, students)``: ``[(id, max points)]`` in the gradebook, and
    ``{student: {"email", "scores": {assignment: final score}}}``."""
    from . import gradebook

    assignments, students = [], {}
    if not (Path(root) / "gradebook.db").is_file():
        raise CourseError("no gradebook.db: grade an assignment first (python -m autograder grade <id>)")
    with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
        warnings.simplefilter("ignore")
        for a in gb.assignments:
            assignments.append((a.name, float(a.max_score)))
            for sub in a.submissions:
                penalty = sub.late_submission_penalty or 0.0
                entry = students.setdefault(sub.student.id, {"email": sub.student.email or "", "scores": {}})
                entry["scores"][a.name] = max(0.0, float(sub.score) - penalty)
        for s in gb.students:
            students.setdefault(s.id, {"email": s.email or "", "scores": {}})
    return assignments, students


def canvas_user_ids(root):
    """``{student: Canvas user id}`` from what ``collect`` recorded (``collected.json``)."""
    out = {}
    for path in sorted(Path(root).glob("submitted/*/*/collected.json")):
        try:
            uid = json.loads(path.read_text()).get("canvas_user_id")
        except json.JSONDecodeError:
            continue
        if uid:
            out.setdefault(path.parent.parent.name, str(uid))
    return out


def _fmt(score):
    return "" if score is None else f"{score:g}"


def canvas_rows(root):
    """The Canvas import file's rows (header, Points Possible, one per student)."""
    assignments, students = gradebook_scores(root)
    meta, ids = _manifest(root), canvas_user_ids(root)
    columns = []
    for aid, _ in assignments:
        entry = meta.get(aid, {})
        name = str(entry.get("lms_name") or aid)
        cid = entry.get("canvas_assignment_id")
        columns.append(f"{name} ({cid})" if cid else name)
    rows = [CANVAS_HEADER + columns, ["Points Possible", "", "", "", ""] + [_fmt(m) for _, m in assignments]]
    for student in sorted(students):
        scores = students[student]["scores"]
        rows.append([student, ids.get(student, ""), "", "", ""]
                    + [_fmt(scores.get(aid)) for aid, _ in assignments])
    missing = sorted(s for s in students if s not in ids)
    return rows, missing


def moodle_rows(root):
    """The Moodle import file's rows (header, one per student)."""
    assignments, students = gradebook_scores(root)
    meta = _manifest(root)
    rows = [MOODLE_HEADER + [str(meta.get(aid, {}).get("lms_name") or aid) for aid, _ in assignments]]
    for student in sorted(students):
        scores = students[student]["scores"]
        rows.append([student, students[student]["email"]] + [_fmt(scores.get(aid)) for aid, _ in assignments])
    return rows, []


def export(fmt, to=None, root=None, echo=print):
    """Write the ``fmt`` ("canvas" or "moodle") import CSV; returns its path."""
    if fmt not in FORMATS:
        raise CourseError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    root = Path(root or course_root())
    rows, missing = (canvas_rows if fmt == "canvas" else moodle_rows)(root)
    target = (root / (to or f"{fmt}-grades.csv")).resolve()
    with atomic.atomic_path(target) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    echo(f"wrote {target} ({len(rows) - (2 if fmt == 'canvas' else 1)} student(s), {fmt} import format)")
    if missing:
        echo(f"note: no Canvas user id for {', '.join(missing)} (not collected from a Canvas download): "
             "Canvas will match them by name, or fill in the ID column")
    return target
