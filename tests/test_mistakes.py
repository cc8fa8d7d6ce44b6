"""Named mistakes: the registries, hwlib.testing's ids, and the grader recording them."""
import json
import re
import tomllib

import nbformat
import numpy as np
import pytest
from paths import REPO_ROOT

from hwlib import mistakes
from hwlib.testing import CheckFailure, assert_close, assert_true

ASSIGNMENTS = sorted(p.name for p in (REPO_ROOT / "source").iterdir() if (p / f"{p.name}.ipynb").is_file())
ID_IN_CODE = re.compile(r"""["'](hw\d+\.[a-z0-9_]+)(?=["']|: )""")


def _ids_in_notebook(assignment):
    nb = nbformat.read(str(REPO_ROOT / "source" / assignment / f"{assignment}.ipynb"), as_version=4)
    return {m for c in nb.cells if c.cell_type == "code" for m in ID_IN_CODE.findall(c.source)}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignment_has_a_registry_and_uses_only_registered_ids(assignment):
    registered = mistakes.load(assignment)
    used = _ids_in_notebook(assignment)
    assert registered, f"hwlib/mistakes/{assignment}.toml is missing or empty"
    assert used - set(registered) == set(), "ids used in the notebook but not registered"
    assert set(registered) - used == set(), "registered ids no test uses (stale entries)"


def test_ids_are_unique_across_assignments_and_texts_are_plain():
    seen = {}
    for assignment in ASSIGNMENTS:
        with open(REPO_ROOT / "hwlib" / "mistakes" / f"{assignment}.toml", "rb") as fh:
            table = tomllib.load(fh)
        for key, text in table.items():
            assert key.startswith(mistakes.prefix(assignment) + "."), key
            assert key not in seen, f"{key} in {assignment} and {seen[key]}"
            seen[key] = assignment
            assert "\n" not in text and len(text) < 400, key


def test_a_registry_with_a_foreign_prefix_is_refused(tmp_path, monkeypatch):
    (tmp_path / "hw9_demo.toml").write_text('"hw1.borrowed" = "not mine"\n')
    monkeypatch.setattr(mistakes, "FOLDER", tmp_path)
    mistakes.load.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"hw9_demo.toml: 'hw1.borrowed' is not a mistake id for hw9_demo"):
            mistakes.load("hw9_demo")
    finally:
        mistakes.load.cache_clear()


def test_assert_close_names_the_matching_mistake_by_id():
    z = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, -1.0]])
    e = np.exp(z)
    wrong = e / e.sum(axis=0, keepdims=True)
    with pytest.raises(CheckFailure) as info:
        assert_close(wrong, e / e.sum(axis=1, keepdims=True), name="softmax(z)",
                     mistakes={"hw1.softmax_normalised_over_wrong_axis": wrong,
                               "hw1.softmax_normalised_over_whole_array": e / e.sum()})
    assert info.value.mistake == "hw1.softmax_normalised_over_wrong_axis"
    assert mistakes.text("hw1.softmax_normalised_over_wrong_axis") in str(info.value)


def test_an_id_with_a_detail_shows_the_detail_and_records_the_id():
    with pytest.raises(CheckFailure) as info:
        assert_close([2.0], [1.0], mistakes={"hw1.forward_requested: used tanh instead of the requested relu": [2.0]})
    assert info.value.mistake == "hw1.forward_requested"
    assert "matches a known mistake: used tanh instead of the requested relu." in str(info.value)


def test_no_match_or_prose_key_leaves_the_mistake_empty():
    with pytest.raises(CheckFailure) as info:
        assert_close([3.0], [1.0], mistakes={"hw1.relu_returned": [2.0]})
    assert info.value.mistake == ""
    with pytest.raises(CheckFailure) as info:
        assert_close([2.0], [1.0], mistakes={"an old-style description": [2.0]})
    assert info.value.mistake == "" and "an old-style description" in str(info.value)


def test_an_unknown_id_fails_even_for_a_correct_result():
    with pytest.raises(mistakes.UnknownMistake, match=r"add it to hwlib/mistakes/hw1_numpy_backprop.toml"):
        assert_close([1.0], [1.0], mistakes={"hw1.no_such_mistake": [2.0]})
    with pytest.raises(mistakes.UnknownMistake):
        assert_true(True, "fine", mistake="hw1.no_such_mistake")


def test_assert_true_carries_the_id_and_defaults_to_its_text():
    with pytest.raises(CheckFailure) as info:
        assert_true(False, name="relu", mistake="hw1.relu_changed_input_array_place")
    assert info.value.mistake == "hw1.relu_changed_input_array_place"
    assert str(info.value) == "relu: " + mistakes.text("hw1.relu_changed_input_array_place")


def test_registries_hold_no_hidden_test_values():
    """Students can read hwlib/mistakes: no precise number (an expected value) may be in it."""
    for assignment in ASSIGNMENTS:
        for key, text in mistakes.load(assignment).items():
            assert not re.search(r"\d\.\d{4,}|\d[eE]-\d\d", text), (key, text)


@pytest.mark.slow
def test_the_grader_records_the_mistake_in_results_and_gradebook(tmp_path, new_sandbox_uid):
    """A real submission with a known wrong softmax, graded by the real grader in a kernel."""
    from autograder import gradebook, mutants, report
    from autograder.grade_one import grader_for
    from autograder.validate import _selector, submission_for

    aid = "hw1_numpy_backprop"
    source = nbformat.read(str(REPO_ROOT / "source" / aid / f"{aid}.ipynb"), as_version=4)
    release = nbformat.read(str(REPO_ROOT / "release" / aid / f"{aid}.ipynb"), as_version=4)
    bank = {v.name: v for v in mutants.load([mutants.bank(aid, REPO_ROOT)])}
    mutant = bank["softmax_axis0"]
    nb_path = tmp_path / f"{aid}.ipynb"
    nbformat.write(submission_for(source, release, {"softmax": mutant.source}), str(nb_path))
    original = {"softmax": next(c.source for c in source.cells
                                if c.metadata.get("nbgrader", {}).get("grade_id") == "softmax")}
    grader = grader_for(aid, REPO_ROOT, uid=new_sandbox_uid())
    result = grader.grade(nb_path, student="carol", assignment=aid, select=_selector(original))
    by_id = {t.grade_id: t for t in result.tests}
    assert by_id["test_softmax"].passed is False
    assert by_id["test_softmax"].mistake == "hw1.softmax_normalised_over_wrong_axis"
    assert all(t.mistake == "" for t in result.tests if t.passed)

    results = report.gradescope(result)
    json.dumps(results)
    row = next(t for t in results["tests"] if t["name"] == "test_softmax")
    assert row["extra_data"] == {"mistake": "hw1.softmax_normalised_over_wrong_axis"}

    course = tmp_path / "course"
    (course / "source" / aid).mkdir(parents=True)
    (course / "nbgrader_config.py").write_text((REPO_ROOT / "nbgrader_config.py").read_text())
    nbformat.write(source, str(course / "source" / aid / f"{aid}.ipynb"))
    gradebook.ensure_registered(aid, course, source)
    with gradebook.open_gradebook(course) as gb:
        gradebook.record(gb, aid, result)
        recorded = gradebook.mistakes(gb, aid)["carol"]
    assert recorded == {t.grade_id: t.mistake for t in result.tests if t.mistake}
    assert recorded["test_softmax"] == "hw1.softmax_normalised_over_wrong_axis"
