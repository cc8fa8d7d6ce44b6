"""Every assignment: manifest, public grade_ids, release in sync, and validate (CI)."""
import json
import re

import pytest
from paths import REPO_ROOT

from autograder import cells as C
from autograder import manifest
from autograder.course import assignments, release_notebook, source_notebook

IDS = assignments(REPO_ROOT)


def test_manifest_lists_exactly_the_assignments_in_source():
    listed = manifest.load(REPO_ROOT)
    assert sorted(listed) == IDS
    for a in listed.values():
        assert a.title and a.week > 0 and 0 < a.budget_seconds <= 300 and a.goals


@pytest.mark.parametrize("aid", IDS)
def test_grade_ids_are_the_public_interface(aid):
    nb = C.read(source_notebook(aid, REPO_ROOT))
    answers = C.answer_cells(nb)
    tests = [C.grade_id(c) for _, c in C.test_cells(nb)]
    for gid, i in answers.items():
        assert re.search(rf"^(def|class) {re.escape(gid)}\b", nb.cells[i].source, re.M), \
            f"answer cell {gid!r} must define a function or class named {gid!r}"
        assert f"test_{gid}" in tests, f"answer cell {gid!r} has no test cell test_{gid}"
    readme = (source_notebook(aid, REPO_ROOT).parent / "README.md").read_text()
    for gid in list(answers) + tests:
        assert gid in readme, f"{gid} is not listed in source/{aid}/README.md"
    ids = [C.grade_id(c) for c in nb.cells if C.grade_id(c)]
    assert len(ids) == len(set(ids)), "grade_ids must be unique"


@pytest.mark.parametrize("aid", IDS)
def test_release_is_in_sync_with_source(aid):
    from autograder.release import in_sync

    assert release_notebook(aid, REPO_ROOT).is_file(), f"run: python -m autograder release {aid}"
    assert in_sync(aid, REPO_ROOT), f"release/{aid} is out of date: run python -m autograder release {aid}"
    text = release_notebook(aid, REPO_ROOT).read_text()
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text


@pytest.mark.slow
@pytest.mark.parametrize("aid", IDS)
def test_validate_solutions_blank_and_mutants(aid, data_root, monkeypatch, capsys):
    from autograder.validate import validate

    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    out = REPO_ROOT / "artifacts" / "validate"
    out.mkdir(parents=True, exist_ok=True)
    ok = validate(aid, workers=2, json_path=out / f"{aid}.json")
    printed = capsys.readouterr().out
    (out / f"{aid}.txt").write_text(printed)
    verdicts = json.loads((out / f"{aid}.json").read_text())["verdicts"]
    assert sum(v["kind"] == "mutant" for v in verdicts) >= 8, "keep a real bank of mutants"
    assert sum(v["kind"] == "valid" for v in verdicts) >= 3, "keep valid alternatives"
    assert ok, printed
