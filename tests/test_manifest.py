"""course/course.toml agrees with source/: one entry per assignment folder, and each
entry's ``stack`` (the framework extras its Gradescope image installs) is exactly what its
notebook imports: a NumPy assignment whose image lacked torch would be fine, one whose
notebook imports torch without it would score 0 for every student."""
import re

import pytest
from paths import REPO_ROOT

from autograder import cells as C
from autograder import manifest
from autograder.course import CourseError

ENTRIES = manifest.load(REPO_ROOT)
# the call that makes an assignment need each dataset (the manifest's ``data`` answers
# "which datasets" for the grader's data check and the Gradescope package)
DATA_LOADS = {"mnist": r"\bload_mnist\b|load_dataset\(\s*['\"]mnist['\"]",
              "fashion-mnist": r"\bload_fashion_mnist\b|load_dataset\(\s*['\"]fashion-mnist['\"]"}
# the import that makes an assignment need each extra of pyproject.toml
STACK_IMPORTS = {"torch": r"^\s*(import|from)\s+torch(vision)?\b",
                 "keras": r"^\s*(import|from)\s+(tensorflow|keras)\b"}


def test_every_source_assignment_is_in_the_manifest_and_back():
    folders = {p.name for p in (REPO_ROOT / "source").iterdir() if (p / f"{p.name}.ipynb").is_file()}
    assert folders == set(ENTRIES)


def _code(assignment):
    nb = C.read(REPO_ROOT / "source" / assignment / f"{assignment}.ipynb")
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("assignment", sorted(ENTRIES))
def test_the_stack_is_what_the_notebook_imports(assignment):
    code = _code(assignment)
    imported = {extra for extra, pattern in STACK_IMPORTS.items() if re.search(pattern, code, re.M)}
    assert set(ENTRIES[assignment].stack) == imported, (
        f"{assignment}: course.toml says stack = {list(ENTRIES[assignment].stack)}, the notebook imports "
        f"{sorted(imported)}")


@pytest.mark.parametrize("assignment", sorted(ENTRIES))
def test_the_data_is_what_the_notebook_loads(assignment):
    code = _code(assignment)
    loaded = {name for name, pattern in DATA_LOADS.items() if re.search(pattern, code)}
    assert set(ENTRIES[assignment].data) == loaded, (
        f"{assignment}: course.toml says data = {list(ENTRIES[assignment].data)}, the notebook loads "
        f"{sorted(loaded)}")


def test_get_gives_listed_entries_and_defaults_for_unlisted_folders(tmp_path):
    listed = manifest.get("hw3_pytorch_mlp", REPO_ROOT)
    assert listed == ENTRIES["hw3_pytorch_mlp"]
    assert listed.source == REPO_ROOT / "source" / "hw3_pytorch_mlp" / "hw3_pytorch_mlp.ipynb"
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "source" / "extra").mkdir(parents=True)
    (tmp_path / "source" / "extra" / "extra.ipynb").write_text("{}")
    extra = manifest.get("extra", tmp_path)
    assert (extra.budget_seconds, extra.data, extra.root) == (manifest.DEFAULT_BUDGET, (), tmp_path)
    with pytest.raises(CourseError, match="unknown assignment 'nope'; known: extra"):
        manifest.get("nope", tmp_path)


def test_an_unknown_stack_is_refused_with_the_known_ones(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.toml").write_text(
        '[[assignment]]\nid = "hw"\ntitle = "t"\nweek = 1\nbudget_seconds = 60\nstack = ["jax"]\n')
    with pytest.raises(CourseError, match=r"hw: stack \['jax'\] unknown; use some of torch, keras"):
        manifest.load(tmp_path)
