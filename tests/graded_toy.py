"""A graded class of the toy course, for the class-report, browser and formgrader tests.

The toy assignment (tests/fixtures/toy_course) gets a written answer (2 points, graded by
hand) and a named mistake in its hidden test, is released with nbgrader, and four
submissions are graded by the real ``grade`` (sandboxed kernels, gradebook):
alice correct; bob -2x (the named mistake); carol x + 1 and dave's untouched stub, both
failures no named mistake explains ("other").
"""
import shutil

import nbformat
from nbformat.v4 import new_markdown_cell
from paths import TOY_COURSE

ASSIGNMENT = "toy"
NAMED = "hw1.cross_entropy_missing_minus_sign"   # ids are global; the toy borrows hw1's
WRITTEN = "explain_double"
ANSWERS = {
    "alice": "def double(x):\n    return 2 * np.asarray(x)\n",
    "bob": "def double(x):\n    return -2 * np.asarray(x)\n",
    "carol": "def double(x):\n    return np.asarray(x) + 1\n",
    "dave": None,   # the release's stub: raise NotImplementedError()
}
QUADRUPLE = "def quadruple(x):\n    return double(double(x))\n"   # everyone's


def _with_written_answer(source_path):
    nb = nbformat.read(str(source_path), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_double":
            visible = 'name="double(arange(3))")'
            hidden = 'mistakes={"returned x + 1 instead of 2x": [-0.5]}'
            assert visible in cell.source and hidden in cell.source, \
                "the toy's test changed: update tests/graded_toy.py"
            named_visible = f'name="double(arange(3))", mistakes={{"{NAMED}": [0, -2, -4]}})'
            cell.source = (cell.source.replace(visible, named_visible)
                           .replace(hidden, f'mistakes={{"{NAMED}": [3.0]}}'))
    question = new_markdown_cell("Why does `quadruple` call `double` twice?")
    answer = new_markdown_cell("Because 4x = 2(2x): reusing `double` avoids a second formula.")
    answer.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "points": 2,
                                   "grade_id": WRITTEN, "schema_version": 3, "task": False}
    at = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "experiment")
    nb.cells[at:at] = [question, answer]
    nbformat.write(nb, str(source_path))


def graded_course(tmp_path, monkeypatch):
    """A course folder with the toy graded; returns (root, {student: GradeResult})."""
    from autograder import batch
    from autograder import cells as C
    from autograder.release import release

    root = tmp_path / "course"
    shutil.copytree(TOY_COURSE, root)
    monkeypatch.setenv("COURSE_ROOT", str(root))
    _with_written_answer(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    release(ASSIGNMENT, root, echo=lambda *_: None)
    blank = C.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    for student, answer in ANSWERS.items():
        nb = C.substitute(blank, {"quadruple": QUADRUPLE, **({"double": answer} if answer else {})})
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == WRITTEN:
                cell.source = f"{student}: because 4x = 2 * (2x)."
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{ASSIGNMENT}.ipynb"))
    results = batch.grade(ASSIGNMENT, workers=2, root=root, echo=lambda *_: None, progress=False)
    return root, results
