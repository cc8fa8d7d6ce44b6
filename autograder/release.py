"""``release``: generate the student version of an assignment with nbgrader.

The release is built in a scratch copy of the course (so no gradebook or log is left in
the repository), then copied to ``release/<id>/``. :func:`build` is also what the
"release is in sync with source" test uses.
"""
import json
import shutil
import tempfile
from pathlib import Path

from . import nbgrader_cli
from .course import course_root, release_notebook, source_notebook


def build(assignment, root=None):
    """The generated student notebook for ``assignment``, as a JSON string."""
    root = Path(root or course_root())
    src = source_notebook(assignment, root).parent
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        shutil.copy2(root / "nbgrader_config.py", tmp)
        shutil.copytree(src, Path(tmp) / "source" / assignment)
        nbgrader_cli.run(["generate_assignment", assignment, "--force"], tmp)
        return (Path(tmp) / "release" / assignment / f"{assignment}.ipynb").read_text()


def normalized(text):
    """Notebook JSON with stable formatting, for comparisons."""
    return json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def release(assignment, root=None, echo=print):
    """Write ``release/<id>/<id>.ipynb``; return its path."""
    root = Path(root or course_root())
    text = normalized(build(assignment, root))
    out = release_notebook(assignment, root)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".ipynb.part")
    tmp.write_text(text)
    tmp.replace(out)
    echo(f"released {assignment} -> {out.relative_to(root)}")
    return out


def in_sync(assignment, root=None):
    """True when the committed release equals a freshly generated one."""
    path = release_notebook(assignment, root)
    return path.is_file() and normalized(path.read_text()) == normalized(build(assignment, root))
