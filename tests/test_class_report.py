"""The class report (reports/<id>.html + .json) of a really graded toy class."""
import csv
import json
import os
import re
import subprocess
import sys
import warnings

import pytest
from graded_toy import ASSIGNMENT, NAMED, WRITTEN, graded_course

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        root, results = graded_course(tmp_path_factory.mktemp("report"), mp)
        yield root, results


def _report(root):
    return json.loads((root / "reports" / f"{ASSIGNMENT}.json").read_text())


def test_grade_writes_the_report_with_named_mistakes_and_other(graded):
    root, _ = graded
    data = _report(root)
    tests = {t["grade_id"]: t for t in data["tests"]}
    double = tests["test_double"]
    assert (double["passed"], double["failed"]) == (1, 3)
    assert double["pass_rate"] == pytest.approx(0.25)
    assert [(m["id"], m["count"], m["students"]) for m in double["mistakes"]] == [(NAMED, 1, ["bob"])]
    assert double["mistakes"][0]["text"] == "missing minus sign"
    assert sorted(double["other"]) == ["carol", "dave"]
    quad = tests["test_quadruple"]     # -2 * -2 = 4: bob's double still quadruples
    assert (quad["passed"], quad["failed"], sorted(quad["other"])) == (2, 2, ["carol", "dave"])
    assert [g["student"] for g in data["to_grade"]] == ["alice", "bob", "carol", "dave"]
    assert {g["grade_id"] for g in data["to_grade"]} == {WRITTEN}
    assert data["timing"]["slowest"][0]["seconds"] == data["timing"]["max"] > 0


def test_numbers_agree_with_grades_csv_and_the_batch_csv(graded):
    from autograder import batch

    root, results = graded
    data = {s["student"]: s for s in _report(root)["students"]}
    target = batch.export(root, to="grades.csv", echo=lambda *_: None)
    with open(target) as fh:
        exported = {r["student_id"]: r for r in csv.DictReader(fh) if r["assignment"] == ASSIGNMENT}
    assert set(exported) == set(data) == set(results)
    for student, row in exported.items():
        assert float(row["raw_score"]) == pytest.approx(data[student]["total"]), student
        assert float(row["max_score"]) == pytest.approx(data[student]["max_score"]), student
        assert data[student]["auto_score"] == pytest.approx(results[student].score)
    with open(root / "reports" / f"{ASSIGNMENT}.csv") as fh:
        for row in csv.DictReader(fh):
            assert float(row["score"]) == pytest.approx(data[row["student"]]["auto_score"])
    pass_counts = {t["grade_id"]: t["passed"] for t in _report(root)["tests"]}
    assert pass_counts == {g: sum(t.passed for r in results.values() for t in r.tests if t.grade_id == g)
                           for g in pass_counts}


def test_only_written_answers_wait_for_manual_grading(graded):
    from autograder import gradebook

    root, _ = graded
    with warnings.catch_warnings(), gradebook.open_gradebook(root) as gb:
        warnings.simplefilter("ignore")
        waiting = {(s.student.id, g.name) for s in gb.find_assignment(ASSIGNMENT).submissions
                   for nb in s.notebooks for g in nb.grades if g.needs_manual_grade}
        assert waiting == {(s, WRITTEN) for s in ("alice", "bob", "carol", "dave")}
        assert gradebook.mistakes(gb, ASSIGNMENT) == {"bob": {"test_double": NAMED}}


def test_the_html_is_self_contained_and_the_cli_rewrites_it(graded):
    root, _ = graded
    html_path = root / "reports" / f"{ASSIGNMENT}.html"
    html_path.unlink()
    proc = subprocess.run([sys.executable, "-m", "autograder", "report", ASSIGNMENT], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COURSE_ROOT": str(root)})
    assert proc.returncode == 0, proc.stderr
    html = html_path.read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the page must load nothing from the network"
    assert len(re.findall(r'src="data:image/png;base64,[A-Za-z0-9+/=]{500,}"', html)) == 2
    assert f"<code>{NAMED}</code>: missing minus sign" in html
    assert '<span class="students">students: bob</span>' in html
    assert "other (no named mistake matched)" in html


def test_report_before_grading_says_what_to_do(toy):
    proc = subprocess.run([sys.executable, "-m", "autograder", "report", ASSIGNMENT], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COURSE_ROOT": str(toy)})
    assert proc.returncode == 2
    assert "no graded submissions in autograded/*/toy/: run grade toy first" in proc.stderr


def test_the_report_renders_in_headless_chromium(graded):
    """Opened from disk with every network request refused: plots, table, a click on a mistake."""
    from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _skip_or_fail

    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} not found: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    root, _ = graded
    shot = ARTIFACTS / "class_report.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    remote = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(30_000)
            page.route(re.compile(r"^(?!file:|data:)"), lambda route: (remote.append(route.request.url), route.abort()))
            page.goto((root / "reports" / f"{ASSIGNMENT}.html").as_uri())
            for img in ("#score-histogram", "#time-histogram"):
                width = page.eval_on_selector(img, "i => i.complete ? i.naturalWidth : 0")
                assert width > 200, f"{img} did not render"
            row = page.locator('tr.test-row[data-test="test_double"]')
            assert "25 %" in row.inner_text()
            named = row.locator(f'details[data-mistake="{NAMED}"]')
            assert "1 × " + NAMED in named.locator("summary").inner_text()
            who = named.locator("span.students")
            assert not who.is_visible(), "student ids show only after a click"
            named.locator("summary").click()
            assert who.is_visible() and who.inner_text() == "students: bob"
            other = row.locator('details[data-mistake="other"]')
            other.locator("summary").click()
            assert other.locator("span.students").inner_text() == "students: carol, dave"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert remote == [], "the report must work offline"
    assert shot.stat().st_size > 10_000
