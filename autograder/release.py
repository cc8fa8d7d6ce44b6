"""``release``: generate the student version of an assignment with nbgrader.

The release is built in a scratch copy of the course (so no gradebook or log is left in
the repository), then copied to ``release/<id>/``. :func:`build` is also what the
"release is in sync with source" test uses.
"""
import json
import shutil
import tempfile
from pathlib import Path

from . import atomic, nbgrader_cli
from .course import CourseError, course_root, release_notebook, source_notebook
from .hidden_markers import hidden_markers


def build(assignment, root=None):
    """The generated student notebook for ``assignment``, as a JSON string."""
    root = Path(root or course_root())
    src = source_notebook(assignment, root).parent
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        shutil.copy2(root / "nbgrader_config.py", tmp)
        shutil.copytree(src, Path(tmp) / "source" / assignment)
        nbgrader_cli.run(["generate_assignment", assignment, "--force"], tmp)
        text = (Path(tmp) / "release" / assignment / f"{assignment}.ipynb").read_text()
    _check_no_hidden_tests(text, assignment, root)
    return text


def _check_no_hidden_tests(text, assignment, root):
    """CourseError if a released cell still holds a hidden-test marker (the markers
    nbgrader cut at and the ones the feedback cuts at would then differ)."""
    markers = hidden_markers(root)
    for cell in json.loads(text).get("cells", []):
        source = "".join(cell.get("source", ""))
        if markers.begin in source or markers.end in source:
            raise CourseError(f"the release of {assignment} still contains a hidden-test marker "
                              f"({markers.begin!r} / {markers.end!r} from nbgrader_config.py); "
                              "check ClearHiddenTests in nbgrader_config.py")


def normalized(text):
    """Notebook JSON with stable formatting, for comparisons."""
    return json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def release(assignment, root=None, echo=print):
    """Write ``release/<id>/<id>.ipynb``; return its path."""
    root = Path(root or course_root())
    text = normalized(build(assignment, root))
    out = release_notebook(assignment, root)
    atomic.write_text(out, text)
    echo(f"released {assignment} -> {out.relative_to(root)}")
    return out


def in_sync(assignment, root=None):
    """True when the committed release equals a freshly generated one."""
    path = release_notebook(assignment, root)
    return path.is_file() and normalized(path.read_text()) == normalized(build(assignment, root))
