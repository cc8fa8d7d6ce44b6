"""The instructor's round trip for written answers, through the real formgrader.

grade (our sandboxed grader) -> formgrader (nbgrader's server extension in a real Jupyter
server on a free loopback port, random token) -> the instructor gives points to one
written answer through the formgrader's own HTTP API (the calls its page makes) ->
``feedback`` and ``export``: the manual points are in the feedback HTML and in
grades.csv, and every automatic score is unchanged.
"""
import csv
import json
import re
import secrets
import subprocess
import time
import urllib.error
import urllib.request
import warnings

import pytest
from graded_toy import ASSIGNMENT, WRITTEN, graded_course
from test_browser import JUPYTER, Deadline, _free_port, _isolated_env, _stop, _tail

pytestmark = pytest.mark.slow
BUDGET_S = 120


class Formgrader:
    """HTTP calls to a running formgrader, authenticated with the server's token."""

    def __init__(self, base, token):
        self.base, self.token = base, token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}/formgrader/api/{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())


def _start_server(root, tmp_path, deadline):
    port, token = _free_port(), secrets.token_hex(24)
    env = _isolated_env(tmp_path / "jupyter", root)
    log = tmp_path / "formgrader.log"
    with open(log, "w") as fh:
        proc = subprocess.Popen([str(JUPYTER), "server", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                                 f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
                                 "--ServerApp.port_retries=0", "--allow-root"],
                                cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    fg = Formgrader(f"http://127.0.0.1:{port}", token)
    last = None
    while deadline.left() > 0:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter server exited with {proc.returncode}:\n{_tail(log)}")
        try:
            fg.call("GET", "status")
            return proc, fg, log
        except (urllib.error.URLError, OSError, ValueError) as err:
            last = err
            time.sleep(0.5)
    _stop(proc)
    raise AssertionError(f"the formgrader did not answer (last error: {last}):\n{_tail(log)}")


def _auto_scores(root):
    from autograder import gradebook

    with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
        warnings.simplefilter("ignore")
        return {(s.student.id, g.name): g.auto_score for s in gb.find_assignment(ASSIGNMENT).submissions
                for nb in s.notebooks for g in nb.grades if g.name != WRITTEN}


def test_manual_points_from_the_formgrader_reach_feedback_and_grades_csv(tmp_path, monkeypatch):
    from autograder import batch, classreport

    root, results = graded_course(tmp_path, monkeypatch)
    before = _auto_scores(root)
    assert before == {(s, t.grade_id): t.score for s, r in results.items() for t in r.tests}

    deadline = Deadline(BUDGET_S)
    proc, fg, log = _start_server(root, tmp_path, deadline)
    try:
        notebooks = {nb["student"]: nb for nb in fg.call("GET", f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")}
        assert set(notebooks) == set(results)
        queue = {}   # what the formgrader asks the instructor to grade
        for student, nb in notebooks.items():
            grades = fg.call("GET", f"grades?submission_id={nb['id']}")
            queue[student] = {g["name"] for g in grades if g["needs_manual_grade"]}
            assert nb["needs_manual_grade"] is True
        assert queue == {s: {WRITTEN} for s in results}, "only the written answers wait for a human"

        grades = fg.call("GET", f"grades?submission_id={notebooks['alice']['id']}")
        written = next(g for g in grades if g["name"] == WRITTEN)
        assert written["max_score"] == 2 and written["manual_score"] is None
        updated = fg.call("PUT", f"grade/{written['id']}", {"manual_score": 1.5})
        assert updated["manual_score"] == 1.5 and updated["needs_manual_grade"] is False
        assert fg.call("GET", f"grade/{written['id']}")["manual_score"] == 1.5
    finally:
        _stop(proc)
    assert "Traceback" not in _tail(log, 20000)

    files = batch.feedback(ASSIGNMENT, root, echo=lambda *_: None)
    html = next(f for f in files if f.parent.parent.name == "alice").read_text()
    alice_auto = results["alice"].score
    assert re.search(rf"Score:\s*{alice_auto + 1.5:g}\s*/\s*{alice_auto + 2:g}", html), \
        "the total in alice's feedback counts the manual points"
    assert re.search(r"Score:\s*1\.5\s*/\s*2", html), "the written answer's own score"

    target = batch.export(root, to="grades.csv", echo=lambda *_: None)
    with open(target) as fh:
        rows = {r["student_id"]: r for r in csv.DictReader(fh) if r["assignment"] == ASSIGNMENT}
    for student, r in results.items():
        manual = 1.5 if student == "alice" else 0.0
        assert float(rows[student]["raw_score"]) == pytest.approx(r.score + manual), student
        assert float(rows[student]["max_score"]) == pytest.approx(r.max_score + 2), student
    assert _auto_scores(root) == before, "hand grading changed no automatic score"

    _, json_path = classreport.write(ASSIGNMENT, root, echo=lambda *_: None)
    data = json.loads(json_path.read_text())
    totals = {s["student"]: s["total"] for s in data["students"]}
    assert totals == {s: pytest.approx(float(rows[s]["raw_score"])) for s in rows}
    assert [g["student"] for g in data["to_grade"]] == ["bob", "carol", "dave"]
