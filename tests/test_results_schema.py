"""Every results.json the autograder writes follows Gradescope's documented format.

The contract is Gradescope's autograder specifications, "Output format"
(https://gradescope-autograders.readthedocs.io/en/latest/specs/, read 2026-12: the keys
below, the visibility values of "Controlling Test Case Visibility", the formats of "Output
String Formatting", the statuses of "Test case status"). :data:`SCHEMA` writes it down as
a JSON Schema with only those keys (``additionalProperties: false`` everywhere): what the
grader needs beyond them goes into ``extra_data``. Checked here: a grading's results
(``report.gradescope``), a failure (``report.failure``), grade-one's no-data
failure, and run_autograder's bash fallback (when Python cannot start). tests/test_gradescope.py
validates every results.json of its real hw1 gradings against the same schema.
"""
import json
import os
import shutil
import subprocess

import jsonschema
import nbformat
import pytest
from paths import REPO_ROOT

from autograder import manifest, report
from autograder.course import CourseError
from autograder.grade_one import EXIT_NO_DATA, grade_one
from autograder.grading import results
from autograder.report import failure as failure_results

HW1 = "hw1_numpy_backprop"

VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
FORMAT = {"enum": ["text", "html", "simple_format", "md", "ansi"]}
NUMBER = {"type": "number"}
TEST = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "score": NUMBER,
        "max_score": NUMBER,
        "status": {"enum": ["passed", "failed"]},
        "name": {"type": "string"},
        "name_format": FORMAT,
        "number": {"type": "string"},
        "output": {"type": "string"},
        "output_format": FORMAT,
        "tags": {"type": "array", "items": {"type": "string"}},
        "visibility": VISIBILITY,
        "extra_data": {"type": "object"},
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Gradescope autograder results.json",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "score": NUMBER,
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string"},
        "output_format": FORMAT,
        "test_output_format": FORMAT,
        "test_name_format": FORMAT,
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST},
        "leaderboard": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "value"],
                "properties": {"name": {"type": "string"},
                               "value": {"type": ["number", "string"]},
                               "order": {"enum": ["asc", "desc"]}},
            },
        },
    },
    # "score": optional, but required if not on each test case
    "anyOf": [{"required": ["score"]},
              {"required": ["tests"], "properties": {"tests": {"items": {"required": ["score"]}}}}],
}
# What this course always writes (a subset of the documented keys, the same in every writer).
TOP_KEYS = {"score", "execution_time", "output", "output_format", "test_output_format",
            "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests"}
TEST_KEYS = {"name", "score", "max_score", "status", "output", "visibility", "extra_data"}


def validate_results(data):
    """``data`` is a results.json of Gradescope's documented format, as this course writes it:
    plain-text outputs, the score always visible, the total in ``extra_data``."""
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert set(data) == TOP_KEYS, sorted(set(data) ^ TOP_KEYS)
    assert data["visibility"] == "visible" and data["stdout_visibility"] == "hidden"
    assert data["output_format"] == data["test_output_format"] == data["test_name_format"] == "text"
    assert data["output"]
    top = data["extra_data"]["max_score"]
    assert isinstance(top, (int, float)) and 0 <= data["score"] <= top
    for t in data["tests"]:
        assert set(t) == TEST_KEYS, sorted(set(t) ^ TEST_KEYS)
        assert 0 <= t["score"] <= t["max_score"] and t["name"]
        assert set(t["extra_data"]) == {"mistake"} and isinstance(t["extra_data"]["mistake"], str)
    if data["tests"]:
        assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))
        assert top == pytest.approx(sum(t["max_score"] for t in data["tests"]))


# -- the schema itself ----------------------------------------------------------------------
def test_the_schema_is_valid_and_holds_only_documented_keys():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    documented = {"score": 1, "execution_time": 3, "output": "x", "output_format": "simple_format",
                  "test_output_format": "text", "test_name_format": "text", "visibility": "after_due_date",
                  "stdout_visibility": "visible", "extra_data": {},
                  "tests": [{"score": 1, "max_score": 2, "status": "passed", "name": "a", "name_format": "text",
                             "number": "1.1", "output": "o", "output_format": "md", "tags": ["t"],
                             "visibility": "visible", "extra_data": {}}],
                  "leaderboard": [{"name": "Accuracy", "value": 0.9}, {"name": "Time", "value": 15.1,
                                                                       "order": "asc"}]}
    validator.validate(documented)
    for bad in ({**documented, "max_score": 2},                                   # old top level
                {**documented, "tests": [{**documented["tests"][0], "mistake": "hw1.x"}]},
                {**documented, "visibility": "always"},
                {**documented, "output_format": "markdown"},
                {"tests": [{"name": "no score anywhere"}]}):
        assert not validator.is_valid(bad), bad


# -- a grading ------------------------------------------------------------------------------
def _graded(assignment=HW1):
    return results.GradeResult(student="s", assignment=assignment, tests=[
        results.TestResult("test_sigmoid", 2, 2, True, output="ok"),
        results.TestResult("test_softmax", 3, 0, False, message="AssertionError: rows do not sum to 1 "
                   "(in a hidden test)", mistake="hw1.softmax_normalised_over_wrong_axis"),
    ], notes=["your code; grading went on"], isolation="uid 30001 from the pool", seconds=12.34)


def test_a_graded_submission_follows_the_contract():
    data = report.gradescope(_graded(), header=["Graded hw1.ipynb."], isolation=True)
    validate_results(data)
    assert data["score"] == 2 and data["extra_data"] == {    # the notes typed too, for the class report
        "max_score": 5, "notes": ["your code; grading went on"], "flags": [], "error": ""}
    assert [t["visibility"] for t in data["tests"]] == ["after_due_date"] * 2   # course.toml's default
    assert data["tests"][1]["extra_data"] == {"mistake": "hw1.softmax_normalised_over_wrong_axis"}
    assert data["tests"][0]["extra_data"] == {"mistake": ""}
    lines = data["output"].splitlines()
    assert lines[0] == "Graded hw1.ipynb." and lines[1] == "2/5 points from the automatic tests."
    assert "Note: your code; grading went on" in lines and lines[-1] == "Isolation: uid 30001 from the pool"
    assert data["execution_time"] == pytest.approx(12.34)
    assert json.loads(json.dumps(data)) == data
    assert report.max_score_of(data) == 5 and report.mistake_of(data["tests"][1]).startswith("hw1.")


def test_test_visibility_comes_from_course_toml_per_assignment(tmp_path):
    (tmp_path / "course").mkdir()
    text = (REPO_ROOT / "course" / "course.toml").read_text()
    (tmp_path / "course" / "course.toml").write_text(
        text + f'\n[gradescope.{HW1}]\ntest_visibility = "visible"\n')
    assert manifest.gradescope_settings(HW1, tmp_path).test_visibility == "visible"
    assert manifest.gradescope_settings("hw4_cnn", tmp_path).test_visibility == "after_due_date"
    for extra, words in [('\n[gradescope.hw9_nothing]\ntest_visibility = "visible"\n', "not an assignment"),
                         (f'\n[gradescope.{HW1}]\ntest_visibility = "always"\n', "use one of"),
                         (f'\n[gradescope.{HW1}]\nvisibilty = "visible"\n', "unknown keys")]:
        (tmp_path / "course" / "course.toml").write_text(text + extra)
        with pytest.raises(CourseError, match=words):
            manifest.gradescope_settings(HW1, tmp_path)


def test_the_course_manifest_gives_every_assignment_a_valid_visibility(monkeypatch):
    monkeypatch.setenv("COURSE_ROOT", str(REPO_ROOT))
    for aid in manifest.load(REPO_ROOT):
        assert manifest.gradescope_settings(aid, REPO_ROOT).test_visibility in VISIBILITY["enum"]
        assert report.visibility_for(aid) == manifest.gradescope_settings(aid, REPO_ROOT).test_visibility
    # a course without a manifest (the toy course of the tests): the safe default
    monkeypatch.setenv("COURSE_ROOT", "/nonexistent")
    assert report.visibility_for(HW1) == "after_due_date"


# -- no grading -----------------------------------------------------------------------------
def test_a_failure_follows_the_contract():
    data = failure_results("the grader cannot find the datasets", 35.0, 1.234, header=["Graded x."])
    validate_results(data)
    assert data["score"] == 0 and data["tests"] == [] and data["extra_data"] == {"max_score": 35}
    assert data["output"].splitlines() == ["Graded x.", "Not graded: the grader cannot find the datasets",
                                           "Isolation: none (no kernel ran)"]
    validate_results(failure_results("no notebook"))


def test_grade_one_without_the_data_writes_a_valid_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(tmp_path / "none"))
    monkeypatch.setenv("HWLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    monkeypatch.delenv("HWLIB_SUBSET", raising=False)
    nb = tmp_path / "blank.ipynb"
    shutil.copy(REPO_ROOT / "release" / HW1 / f"{HW1}.ipynb", nb)
    lines = []
    assert grade_one(str(nb), HW1, out_dir=tmp_path, echo=lines.append, note="Graded blank.ipynb.") \
        == EXIT_NO_DATA, "\n".join(lines)
    data = json.loads((tmp_path / "results.json").read_text())
    validate_results(data)
    assert data["output"].startswith("Graded blank.ipynb.\nNot graded: the grader cannot find the datasets")
    assert data["extra_data"]["max_score"] > 0


def test_run_autograders_bash_fallback_writes_what_report_failure_writes(tmp_path):
    """No venv: Python cannot start, the shell writes results.json itself."""
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), str(root / "submission" / f"{HW1}.ipynb"))
    proc = subprocess.run(["bash", str(REPO_ROOT / "autograder" / "gradescope" / "run_autograder")],
                          env={**os.environ, "AUTOGRADER_ROOT": str(root)}, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "exited with status 127" in proc.stdout and "wrote score 0" in proc.stdout
    data = json.loads((root / "results" / "results.json").read_text())
    validate_results(data)
    reason = data["output"].splitlines()[0].removeprefix("Not graded: ")
    assert "not a problem with your notebook" in reason
    assert data == report.failure(reason)
    assert not (root / "results" / "results.json.tmp").exists()
