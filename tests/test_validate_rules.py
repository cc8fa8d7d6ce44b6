"""validate counts a mutant as caught only for the right reason; the change form of a
mutant; the hidden-test markers come from the course's nbgrader configuration.

Toy course (tests/fixtures/toy_course): ``double`` (tested by test_double, whose hidden
part names the mistake "returned x + 1 instead of 2x") and ``quadruple = double(double(x))``.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import cells as C
from autograder import mutants
from autograder.course import CourseError

HEAD = "# grade_id: double\n# kind: mutant\n# mistake: {}\n# caught_by: {}\n"


def _validate(course, extra, out):
    return subprocess.run([sys.executable, "-m", "autograder", "validate", "toy", "--mutants",
                           str(extra), "--json", str(out)], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "COURSE_ROOT": str(course)})


def _write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


BROKEN = {
    # does not parse: its NameError in the test used to count as a catch
    "syntax_error.py": HEAD.format("a typo", "test_double") + "def double(x:\n    return 2 * x\n",
    # calls a helper the solution no longer has
    "stale_helper.py": HEAD.format("calls an old helper", "test_double")
    + "def double(x):\n    return _twice(np.asarray(x))\n",
    # right on test_double's inputs, wrong on quadruple's: caught, but not by test_double
    "wrong_test.py": HEAD.format("wrong for two elements", "test_double")
    + "def double(x):\n    x = np.asarray(x)\n    return x if x.size == 2 else 2 * x\n",
    # caught by test_double, but not for the mistake it says
    "wrong_mistake.py": HEAD.format("3x", "test_double")
    + "# names_mistake: returned x + 1 instead of 2x\n"
    + "def double(x):\n    return 3 * np.asarray(x)\n",
}
GOOD = {
    # the hidden test recognises this mistake by name
    "named_right.py": HEAD.format("x + 1 for negative x", "test_double")
    + "# names_mistake: returned x + 1 instead of 2x\n"
    + "def double(x):\n    x = np.asarray(x)\n    return np.where(x < 0, x + 1, 2 * x)\n",
    # the change form: only the line that differs from the solution cell
    "times_three.py": HEAD.format("times 3", "test_double")
    + "# replace:\n    return 2 * np.asarray(x)\n# with:\n    return 3 * np.asarray(x)\n",
}
RULES = {"syntax_error": "rule 1 (its cell must run): its cell raised SyntaxError",
         "stale_helper": "rule 3 (a check must fail, not the mutant's own code): test_double "
                         "failed because the code raised NameError",
         "wrong_test": "rule 2 (caught by the declared test): failed test_quadruple, but its "
                       "caught_by is test_double",
         "wrong_mistake": "rule 4 (the named mistake): test_double did not name "
                          "'returned x + 1 instead of 2x'"}


@pytest.mark.slow
def test_a_mutant_caught_for_the_wrong_reason_fails_validate_naming_its_rule(toy, tmp_path):
    extra = _write(tmp_path / "extra", {**BROKEN, **GOOD})
    out = tmp_path / "v.json"
    proc = _validate(toy, extra, out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for name, rule in RULES.items():
        assert f"!! {name}: {rule}" in proc.stdout, (name, proc.stdout)
    verdicts = {v["name"]: v for v in json.loads(out.read_text())["verdicts"]}
    assert not any(verdicts[Path(n).stem]["ok"] for n in BROKEN)
    # each broken one did fail a test: without the rules it would have been "caught"
    assert all(verdicts[Path(n).stem]["failing"] for n in BROKEN)
    assert all(verdicts[Path(n).stem]["ok"] for n in GOOD), proc.stdout
    assert verdicts["double_plus_one"]["ok"] and verdicts["quadruple_triple"]["ok"]
    assert f"{len(GOOD) + 2}/{len(GOOD) + len(BROKEN) + 2} mutants caught" in proc.stdout


def test_a_change_that_no_longer_applies_fails_validate_naming_the_file(toy, tmp_path):
    extra = _write(tmp_path / "extra", {"gone.py": HEAD.format("x", "test_double")
                                        + "# replace:\n    return 2 * x\n# with:\n    return x\n"})
    proc = _validate(toy, extra, tmp_path / "v.json")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{extra / 'gone.py'}: stale change" in proc.stderr
    assert "is not in the solution cell any more" in proc.stderr


def test_the_change_form_parses_and_applies_exactly_once(tmp_path):
    p = tmp_path / "m.py"
    p.write_text(HEAD.format("two changes", "test_a") + "# replace:\n    a = 1\n\n# with:\n    a = 2\n"
                 "# replace:\n    return a\n# with:\n")
    v = mutants.parse(p)
    assert v.changes == [("    a = 1", "    a = 2"), ("    return a", "")] and v.source == ""
    cell = "def f():\n    a = 1\n    return a\n"
    mutants.resolve([v], {"double": cell})
    assert v.source == "def f():\n    a = 2\n\n"
    with pytest.raises(CourseError, match=r"m\.py: stale change.* 2 times"):
        mutants.apply_changes("    a = 1\n    a = 1\n", v.changes[:1], p)


@pytest.mark.parametrize("body, problem", [
    ("# replace:\n    a = 1\n", "pairs"),
    ("# with:\n    a = 1\n", "without a '# replace:'"),
    ("x = 1\n# replace:\n    a = 1\n# with:\n    a = 2\n", "code before the first"),
    ("# replace:\n\n# with:\n    a = 2\n", "empty '# replace:'"),
])
def test_a_malformed_change_form_is_a_clear_error(tmp_path, body, problem):
    p = tmp_path / "bad.py"
    p.write_text(HEAD.format("x", "test_a") + body)
    with pytest.raises(CourseError, match="bad.py: .*" + problem):
        mutants.parse(p)


def test_a_mutant_must_say_which_test_catches_it(tmp_path):
    p = tmp_path / "m.py"
    p.write_text("# grade_id: double\n# kind: mutant\n# mistake: x\ndef double(x):\n    return x\n")
    with pytest.raises(CourseError, match="caught_by"):
        mutants.parse(p)


def test_broken_code_is_told_apart_from_a_failed_check():
    from autograder.grading.messages import error_type
    from autograder.remote.client import KernelDied, _exception
    from hwlib.testing import CheckFailure, call

    remote = {t: _exception(t, "boom", "", "f(1)")
              for t in ("NameError", "ValueError", "NotImplementedError")}
    assert error_type(remote["NameError"]) == "NameError"
    assert error_type(remote["NotImplementedError"]) == "NotImplementedError"
    assert error_type(NameError("name 'f' is not defined", name="f")) == "NameError"
    # hwlib's call() turns a crash or a stub into a failed check that still names it
    for kind, broken in (("NotImplementedError", True), ("ValueError", False)):
        try:
            call(lambda exc=remote[kind]: (_ for _ in ()).throw(exc), name="f")
        except CheckFailure as exc:
            assert error_type(exc) == kind and (kind == "NotImplementedError") == broken
    # a wrong answer: an ordinary error of the student's function, or a failed check
    assert error_type(remote["ValueError"]) == "ValueError"
    assert error_type(CheckFailure("f(1): expected 2, got 3")) == ""
    assert error_type(AssertionError("no")) == ""
    assert error_type(KernelDied("the kernel died")) == ""


def test_top_level_names_are_what_the_cell_defines():
    src = "import numpy as np\nK = 3\ndef f(x):\n    y = 1\n    return y\nclass A:\n    pass\n"
    assert mutants.top_level_names(src) == {"K", "f", "A"}
    assert mutants.top_level_names("def f(:\n") == set()


# -- the hidden-test markers ------------------------------------------------------------
SECRET = ("### SECRET CHECKS START", "### SECRET CHECKS STOP")


def _change_markers(course):
    """The toy course with other hidden-test markers, in its config and its source."""
    config = course / "nbgrader_config.py"
    text = config.read_text()
    for old, new in zip(("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"), SECRET, strict=True):
        assert f'"{old}"' in text
        text = text.replace(f'"{old}"', f'"{new[4:]}"')
    config.write_text(text)
    path = course / "source" / "toy" / "toy.ipynb"
    nb = C.read(path)
    for _, cell in C.test_cells(nb):
        cell.source = cell.source.replace("### BEGIN HIDDEN TESTS", SECRET[0]).replace(
            "### END HIDDEN TESTS", SECRET[1])
    nbformat.write(nb, str(path))
    hidden = "double(np.array([-1.5]))"
    assert any(SECRET[0] in c.source and hidden in c.source for c in nb.cells)
    return hidden


@pytest.mark.slow
def test_changed_markers_keep_hidden_tests_out_of_release_and_feedback(toy, tmp_path):
    from autograder.feedback import feedback_notebook
    from autograder.grade_one import grader_for
    from autograder.hidden_markers import hidden_markers
    from autograder.release import release
    from autograder.validate import submission_for

    hidden = _change_markers(toy)
    assert hidden_markers(toy).begin == SECRET[0][4:]
    release("toy", toy, echo=lambda *_: None)
    released = C.read(toy / "release" / "toy" / "toy.ipynb")
    assert not any(hidden in c.source or "SECRET" in c.source for c in released.cells)

    source = C.read(toy / "source" / "toy" / "toy.ipynb")
    wrong = "def double(x):\n    x = np.asarray(x)\n    return np.where(x < 0, x + 1, 2 * x)\n"
    path = tmp_path / "toy.ipynb"
    nbformat.write(submission_for(source, released, {"double": wrong}), str(path))
    grader = grader_for("toy", toy)
    try:
        result = grader.grade(path)
    finally:
        grader.close()
    failed = {t.grade_id: t for t in result.tests if not t.passed}
    assert list(failed) == ["test_double"], result.summary()   # failed in the hidden part
    feedback = nbformat.writes(feedback_notebook(result, source))
    assert hidden not in feedback and "SECRET" not in feedback
    assert "hidden tests were run here" in feedback


def test_a_failure_in_a_hidden_line_is_not_quoted_with_changed_markers(toy):
    from autograder.grading.assemble import Step
    from autograder.grading.messages import failure_message

    _change_markers(toy)
    source = f"x = 1\n{SECRET[0]}\ny = {{}}['secret key']\n{SECRET[1]}\n"
    step = Step("test", source, "t", "t")
    try:
        exec(compile(source, "<test t>", "exec"), {})
    except KeyError as exc:
        message = failure_message(exc, step)
    assert message.endswith("(in a hidden test)") and "y = {}" not in message
    assert "SECRET" not in step.visible_source() and "secret key" not in step.visible_source()


# -- rule 5: nothing a student can see is the answer (autograder/leaks.py) ---------------
def _add_visible_code(course, cell_id, code, test=False):
    """Put ``code`` in the toy's source and release: in the visible part of test_double
    (``test``) or in the given cell ``cell_id``."""
    for kind in ("source", "release"):
        path = course / kind / "toy" / "toy.ipynb"
        nb = C.read(path)
        cell = next(c for c in nb.cells if C.grade_id(c) == cell_id)
        cell.source = code + "\n" + cell.source if test else cell.source + "\n" + code
        nbformat.write(nb, str(path))


@pytest.mark.slow
@pytest.mark.parametrize("where, helper", [
    ("experiment", "times_two"),    # a given cell, below the test
    ("test_double", "_expected"),   # a test's visible part: never in the kernel
])
def test_a_visible_helper_that_computes_the_answer_fails_validate_naming_it(toy, tmp_path, where,
                                                                            helper):
    _add_visible_code(toy, where, f"def {helper}(v):\n    return 2 * np.asarray(v)\n",
                      test=where.startswith("test_"))
    out = tmp_path / "v.json"
    proc = _validate(toy, _write(tmp_path / "extra", {}), out)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (f"!! {helper}: rule 5 (nothing a student can see is the answer): {helper} "
            in proc.stdout), proc.stdout
    assert "called as the answer to double, earns 2 point(s) on test_double" in proc.stdout
    leaks = [v for v in json.loads(out.read_text())["verdicts"] if v["kind"] == "leak"]
    assert [v["grade_id"] for v in leaks if not v["ok"]] == ["double"]
    # quadruple's test needs four times x: the same helper earns nothing there
    assert any(v["name"] == helper and v["grade_id"] == "quadruple" and v["ok"] for v in leaks)


@pytest.mark.slow
def test_the_toy_course_as_it_is_has_no_leak(toy, tmp_path):
    proc = _validate(toy, _write(tmp_path / "extra", {}), tmp_path / "v.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0/" in proc.stdout and "visible helpers earn points as an answer" in proc.stdout


def test_a_helper_fits_when_the_parts_call_binds_to_it():
    import inspect

    from autograder.leaks import fits

    def sig(f):
        return inspect.signature(f)

    graded = sig(lambda sizes, dropout=0.0, batch_norm=False: None)
    assert fits(sig(lambda sizes, p, norm=None, bn=False: None), graded) is False   # needs 2
    assert fits(sig(lambda sizes, dropout=0.5: None), graded)
    assert fits(sig(lambda *layers: None), graded)
    assert not fits(sig(lambda: None), graded)                  # takes nothing: computes nothing
    assert not fits(sig(lambda *, seed=0: None), graded)
    assert fits(sig(lambda: None), sig(lambda: None))


def test_earlier_assignments_helpers_are_copied_with_their_imports(tmp_path):
    from autograder.leaks import answer_cell, earlier_helpers

    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.toml").write_text(
        '[[assignment]]\nid = "a1"\ntitle = "A"\nweek = 1\nbudget_seconds = 10\n'
        '[[assignment]]\nid = "a2"\ntitle = "B"\nweek = 2\nbudget_seconds = 10\n')
    for aid, code in (("a1", "import numpy as np\nK = 2\ndef given(x):\n    return K * np.asarray(x)\n"),
                      ("a2", "def later(x):\n    return x\n")):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        (tmp_path / "release" / aid).mkdir(parents=True)
        nbformat.write(nb, str(tmp_path / "release" / aid / f"{aid}.ipynb"))
    helpers = earlier_helpers("a2", tmp_path)
    assert [(h.name, h.how) for h in helpers] == [("given", "copy")]
    assert earlier_helpers("a1", tmp_path) == []
    cell = answer_cell("double", helpers[0], "import math\ndef double(x):\n    return 2 * x\n")
    ns = {}
    exec(cell, ns)
    assert list(ns["double"]([1, 2])) == [2, 4] and "math" in ns
