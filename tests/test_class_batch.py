"""The class as a whole (issue 24): late work, incremental and interruptible grading, LMS export.

A toy class of four, collected from an LMS-like export (an exchange's timestamp.txt for
alice and bob, Canvas download names for carol and dave), graded by the real ``grade``
(sandboxed kernels) under a late policy: alice is a day and 2 hours late (2 days
started x 10 % of 3 points = -0.6), carol is late with an extension, the others on time.
"""
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import nbformat
import pytest
from paths import TOY_COURSE

from autograder import cells as C
from autograder.course import CourseError

A = "toy"
DEADLINE = datetime(2026, 10, 5, 23, 59, tzinfo=timezone(timedelta(hours=-4)))
ANSWERS = {
    "alice": "def double(x):\n    return 2 * np.asarray(x)\n",
    "bob": "def double(x):\n    return -2 * np.asarray(x)\n",
    "carol": "def double(x):\n    return np.asarray(x) + 1\n",
    "dave": None,
}
QUADRUPLE = "def quadruple(x):\n    return double(double(x))\n"
MANIFEST = f'''[course]
id = "dl-course"
title = "toy"

[[assignment]]
id = "toy"
title = "Toy"
week = 1
budget_seconds = 60
deadline = "{DEADLINE.isoformat()}"
canvas_assignment_id = 4242
lms_name = "Toy homework"

[late]
grace_minutes = 10
penalty_per_day = 0.1
count = "started"
cap = 0.5

[late.extensions.toy]
carol = 5
'''


def make_course(tmp):
    """A released toy course with course/course.toml and an LMS export of four notebooks."""
    from autograder.release import release

    root = tmp / "course"
    shutil.copytree(TOY_COURSE, root)
    (root / "course").mkdir(exist_ok=True)   # the toy course has course/mutants/
    (root / "course" / "course.toml").write_text(MANIFEST)
    release(A, root, echo=lambda *_: None)
    blank = C.read(root / "release" / A / f"{A}.ipynb")
    export = tmp / "export"
    export.mkdir()
    times = {"alice": DEADLINE + timedelta(hours=26), "bob": DEADLINE - timedelta(hours=3),
             "carol": DEADLINE + timedelta(days=3), "dave": DEADLINE - timedelta(days=1)}
    for student, answer in ANSWERS.items():
        nb = C.substitute(blank, {"quadruple": QUADRUPLE, **({"double": answer} if answer else {})})
        if student in ("alice", "bob"):          # an exchange: <student>/<file>.ipynb + timestamp.txt
            (export / student).mkdir()
            path = export / student / f"{A}.ipynb"
            stamp = times[student].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
            (export / student / "timestamp.txt").write_text(stamp)
        else:                                     # Canvas: <lastfirst>[_LATE]_<userid>_<subid>_<file>
            uid = {"carol": 1003, "dave": 1004}[student]
            path = export / f"{student}{'_LATE' if student == 'carol' else ''}_{uid}_{uid + 5000}_{A}.ipynb"
        nbformat.write(nb, str(path))
        os.utime(path, (times[student].timestamp(),) * 2)
    return root, export


def final_grades(root):
    out = {}
    for student in ANSWERS:
        res = json.loads((root / "autograded" / student / A / "results.json").read_text())
        out[student] = (res["score"], res["extra_data"].get("raw_score"), res["extra_data"].get("late_penalty"),
                        [(t["name"], t["score"]) for t in res["tests"]])
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Collected and graded twice (the second run has nothing to do); the times of both."""
    from autograder import batch
    from autograder.collect import collect

    tmp = tmp_path_factory.mktemp("class")
    with pytest.MonkeyPatch.context() as mp:
        root, export = make_course(tmp)
        mp.setenv("COURSE_ROOT", str(root))
        lines = []
        collect(export, A, root, echo=lines.append)
        t0 = time.perf_counter()
        first = batch.grade(A, workers=2, root=root, echo=lines.append, progress=False)
        t1 = time.perf_counter()
        second_lines = []
        second = batch.grade(A, workers=2, root=root, echo=second_lines.append, progress=False)
        t2 = time.perf_counter()
        yield {"root": root, "collect": lines, "first": first, "second": second, "second_lines": second_lines,
               "seconds": (t1 - t0, t2 - t1), "grades": final_grades(root)}


@pytest.mark.slow
def test_collect_records_each_submissions_time_and_where_it_came_from(graded):
    root = graded["root"]
    info = {s: json.loads((root / "submitted" / s / A / "collected.json").read_text()) for s in ANSWERS}
    assert "timestamp.txt" in info["alice"]["source"] and "modification time" in info["carol"]["source"]
    assert info["carol"]["lms_late"] and not info["dave"]["lms_late"]
    assert (info["carol"]["canvas_user_id"], info["dave"]["canvas_user_id"]) == ("1003", "1004")
    assert datetime.fromisoformat(info["alice"]["time"]) == DEADLINE + timedelta(hours=26)
    assert any("alice <- alice/toy.ipynb (time: the export's alice/timestamp.txt)" in line
               for line in graded["collect"])


@pytest.mark.slow
def test_a_late_submission_loses_what_the_policy_says_in_its_feedback(graded):
    root, grades = graded["root"], graded["grades"]
    assert grades["alice"][:3] == (pytest.approx(2.4), 3.0, pytest.approx(0.6))
    assert grades["bob"][2] == 0.0 and grades["carol"][2] == 0.0, "on time / extended"
    res = json.loads((root / "autograded" / "alice" / A / "results.json").read_text())
    assert "1 d 2 h after the deadline" in res["output"] and "2 day(s) started x 10 % = 20 %" in res["output"]
    assert "Late penalty: -0.6 points; score after it: 2.4/3." in res["output"]
    fb = C.read(root / "autograded" / "alice" / A / f"{A}.ipynb")
    notes = fb.cells[0].source
    assert notes.startswith("**Notes from the grader**") and "late policy: submitted 2026-10-07 05:59 UTC" in notes
    assert "-0.6 points (raw score 3/3, after the penalty 2.4)" in notes
    from autograder import batch

    batch.feedback(A, root, echo=lambda *_: None)                    # the HTML the student gets
    html = (root / "feedback" / "alice" / A / f"{A}.html").read_text()
    assert "late policy: submitted 2026-10-07 05:59 UTC" in html and "raw score 3/3, after the penalty 2.4" in html
    assert "Late submission penalty (Score: -0.6)" in html          # nbgrader's own line, from the gradebook
    carol = json.loads((root / "autograded" / "carol" / A / "results.json").read_text())["output"]
    assert "on time for the extended deadline 2026-10-11 03:59 UTC" in carol
    report = json.loads((root / "reports" / f"{A}.json").read_text())
    row = {s["student"]: s for s in report["students"]}["alice"]
    assert (row["auto_score"], row["late_penalty"], row["total"]) == (3.0, 0.6, pytest.approx(2.4))
    assert "-0.6 points" in row["late"]
    batch.export(root, to="grades.csv", echo=lambda *_: None)     # nbgrader's own export subtracts it too
    with open(root / "grades.csv") as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh)}
    assert float(rows["alice"]["late_submission_penalty"]) == pytest.approx(0.6)
    assert float(rows["alice"]["score"]) == pytest.approx(2.4)
    with open(root / "reports" / f"{A}.csv") as fh:
        alice = {r["student"]: r for r in csv.DictReader(fh)}["alice"]
    assert (float(alice["score"]), float(alice["late_penalty"]), float(alice["final_score"])) == (3.0, 0.6, 2.4)


@pytest.mark.slow
def test_a_second_grade_of_an_unchanged_class_only_reports(graded):
    first, second = graded["seconds"]
    print(f"\nfirst grade of 4 submissions: {first:.1f} s; second (unchanged): {second:.1f} s "
          f"({100 * second / first:.0f} %)")
    assert len(graded["first"]) == 4 and graded["second"] == {}
    assert any("all 4 submission(s) unchanged since their last grade: nothing to grade" in line
               for line in graded["second_lines"])
    assert any("(unchanged, not regraded)" in line for line in graded["second_lines"])
    assert second < 0.25 * first
    assert final_grades(graded["root"]) == graded["grades"]


@pytest.mark.slow
def test_canvas_and_moodle_exports(graded):
    from autograder import lms_export

    root = graded["root"]
    path = lms_export.export("canvas", root=root, echo=lambda *_: None)
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Toy homework (4242)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "3"]
    by = {r[0]: r for r in rows[2:]}
    assert by["dave"] == ["dave", "1004", "", "", "", "0"]
    assert by["alice"] == ["alice", "", "", "", "", "2.4"]     # after the late penalty; no Canvas id (exchange)
    path = lms_export.export("moodle", root=root, echo=lambda *_: None)
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    assert rows[0] == ["Username", "Email address", "Toy homework"]
    assert ["bob", "", "1"] in rows


@pytest.mark.slow
def test_an_extension_removes_the_penalty_and_only_that_student_is_regraded(graded, tmp_path):
    from autograder import batch

    root = tmp_path / "copy"
    shutil.copytree(graded["root"], root)
    toml = root / "course" / "course.toml"
    toml.write_text(toml.read_text().replace("carol = 5", 'carol = 5\nalice = "2026-10-07T12:00:00+00:00"'))
    lines = []
    regraded = batch.grade(A, workers=1, root=root, echo=lines.append, progress=False)
    assert list(regraded) == ["alice"]
    res = json.loads((root / "autograded" / "alice" / A / "results.json").read_text())
    assert (res["score"], res["extra_data"]["late_penalty"]) == (3.0, 0.0)
    assert "on time for the extended deadline 2026-10-07 12:00 UTC" in res["output"]
    assert "Late penalty" not in res["output"]


@pytest.mark.slow
def test_an_interrupted_grade_exits_130_and_resumes_to_the_same_grades(graded, tmp_path):
    import psutil

    from autograder.collect import collect

    root, export = make_course(tmp_path)
    collect(export, A, root, echo=lambda *_: None)
    env = {**os.environ, "COURSE_ROOT": str(root)}
    cmd = [sys.executable, "-m", "autograder", "grade", A, "--workers", "1", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    states = lambda: sorted(root.glob(f"autograded/*/{A}/grade-state.json"))  # noqa: E731
    end = time.monotonic() + 300
    while not states() and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()
    family = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    print(f"\ninterrupted after {len(states())} grade(s); stderr: {err.strip()}")
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in out + err
    assert err.strip().splitlines() == [
        f"grade {A} interrupted: {len(states())} submission(s) graded and kept, {4 - len(states())} not yet; "
        f"run `python -m autograder grade {A}` again to grade the rest"]
    time.sleep(1)
    alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not alive, f"left running: {[(p.pid, p.name()) for p in alive]}"
    kept = len(states())
    assert 1 <= kept < 4
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert f"grading {4 - kept} new or changed submission(s); {kept} unchanged" in proc.stdout
    assert final_grades(root) == graded["grades"]


def test_late_policy_errors_say_what_is_wrong_and_how_to_fix_it(tmp_path):
    from autograder import late

    (tmp_path / "course").mkdir()
    toml = tmp_path / "course" / "course.toml"
    base = '[[assignment]]\nid = "toy"\ntitle = "T"\nweek = 1\nbudget_seconds = 9\n'
    wrong = {  # what course.toml says -> what the error must say
        'deadline = "2026-10-05 23:59"\n':
            r"deadline = 2026-10-05 23:59 has no time zone: write it in ISO 8601",
        'deadline = "next friday"\n': r"'next friday' is not a date and time",
        'deadline = 2026-10-05T23:59:00Z\n[late]\npenalty_per_day = 10\n':
            r"penalty_per_day = 10: use a fraction between 0 and 1",
        'deadline = 2026-10-05T23:59:00Z\n[late.extensions.hw9]\nalice = 2\n':
            r"'hw9' is not an assignment of the manifest",
    }
    for text, message in wrong.items():
        toml.write_text(base + text)
        with pytest.raises(CourseError, match=message):
            late.rules(tmp_path)
    toml.write_text(base + 'deadline = 2026-10-05T23:59:00Z\n[late.extensions.toy]\nalcie = 2\n')
    r = late.rules(tmp_path)
    with pytest.raises(CourseError, match=r"names alcie, not a student of this course .* fix the id "
                                          r"\(students: alice, bob\)"):
        late.check_students(r, "toy", {"alice", "bob"})


def test_late_assessment_numbers():
    from autograder import late

    deadline = datetime(2026, 10, 5, 12, 0, tzinfo=timezone.utc)
    r = late.Rules(late.Policy(grace_minutes=15, penalty_per_day=0.1, count="started", cap=0.25),
                   {"a": deadline}, {"a": {"eve": deadline + timedelta(days=10)}})

    def at(delta, student="s"):
        return late.assess(r, "a", student, {"time": (deadline + delta).isoformat(), "source": "x"}, 20.0)

    assert at(timedelta(minutes=14)).points == 0.0 and "grace" in at(timedelta(minutes=14)).reason
    assert at(timedelta(minutes=16)).points == 2.0                     # 1 day started: 10 % of 20
    assert at(timedelta(days=1, minutes=1)).points == 4.0             # 2 days started
    assert at(timedelta(days=9)).points == 5.0 and "(the cap)" in at(timedelta(days=9)).reason
    assert at(timedelta(days=9), "eve").points == 0.0
    exact = late.Rules(late.Policy(penalty_per_day=0.1, count="exact"), {"a": deadline})
    assert late.assess(exact, "a", "s", {"time": (deadline + timedelta(hours=12)).isoformat()}, 20).points == 1.0
    assert late.assess(r, "b", "s", {"time": deadline.isoformat()}, 20) is None    # no deadline


def test_sigterm_waits_until_the_grade_being_stored_is_written():
    """SIGTERM, like SIGINT, stops grade, but never halfway through storing one grade."""
    from autograder.batch import GradeInterrupted, _Signals, _Stop

    stored = []
    with _Signals() as sig:
        with pytest.raises(_Stop):
            with sig.critical():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.2)
                stored.append("results.json, gradebook, state")
    assert stored and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    assert str(GradeInterrupted("hw1", 2, 3)) == ("grade hw1 interrupted: 2 submission(s) graded and kept, 3 not "
                                                  "yet; run `python -m autograder grade hw1` again to grade the rest")
