"""course/course.toml agrees with source/: one entry per assignment folder, and each
entry's ``stack`` (the framework extras its Gradescope image installs) is exactly what its
notebook imports: a NumPy assignment whose image lacked torch would be fine, one whose
notebook imports torch without it would score 0 for every student."""
import re
from pathlib import Path

import pytest

from autograder import cells as C
from autograder import manifest
from autograder.course import CourseError

REPO = Path(__file__).resolve().parent.parent
ENTRIES = manifest.load(REPO)
# the import that makes an assignment need each extra of pyproject.toml
STACK_IMPORTS = {"torch": r"^\s*(import|from)\s+torch(vision)?\b",
                 "keras": r"^\s*(import|from)\s+(tensorflow|keras)\b"}


def test_every_source_assignment_is_in_the_manifest_and_back():
    folders = {p.name for p in (REPO / "source").iterdir() if (p / f"{p.name}.ipynb").is_file()}
    assert folders == set(ENTRIES)


@pytest.mark.parametrize("assignment", sorted(ENTRIES))
def test_the_stack_is_what_the_notebook_imports(assignment):
    nb = C.read(REPO / "source" / assignment / f"{assignment}.ipynb")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    imported = {extra for extra, pattern in STACK_IMPORTS.items() if re.search(pattern, code, re.M)}
    assert set(ENTRIES[assignment].stack) == imported, (
        f"{assignment}: course.toml says stack = {list(ENTRIES[assignment].stack)}, the notebook imports "
        f"{sorted(imported)}")


def test_an_unknown_stack_is_refused_with_the_known_ones(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.toml").write_text(
        '[[assignment]]\nid = "hw"\ntitle = "t"\nweek = 1\nbudget_seconds = 60\nstack = ["jax"]\n')
    with pytest.raises(CourseError, match=r"hw: stack \['jax'\] unknown; use some of torch, keras"):
        manifest.load(tmp_path)
