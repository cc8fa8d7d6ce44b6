"""What a Gradescope image installs for one assignment: pyproject's runtime dependencies
plus the extras of the assignment's ``stack`` (course/course.toml), and the lock that
pins them for the image's Python."""
from pathlib import Path

from .._compat import tomllib
from ..course import CourseError, course_root

LOCK = "requirements/lock.txt"          # the course's own Python (3.11): everything, dev tools too
OTHER_LOCK = "requirements/lock-py{version}.txt"   # the grading set for another Python


def grading_requirements(stack=(), root=None):
    """The requirement lines for an assignment whose notebook needs the extras ``stack``."""
    path = Path(root or course_root()) / "pyproject.toml"
    project = tomllib.loads(path.read_text())["project"]
    extras = project.get("optional-dependencies", {})
    missing = [name for name in stack if name not in extras]
    if missing:
        raise CourseError(f"{path}: no extra {missing} (an assignment's `stack` in course/course.toml "
                          f"names extras of pyproject.toml: {', '.join(extras)})")
    lines = list(project["dependencies"])
    for name in stack:
        lines += [req for req in extras[name] if req not in lines]
    return lines


def grading_text(stack=(), root=None):
    """``grading_requirements`` as a requirements file, saying where it comes from."""
    head = ("# Written by `python -m autograder gradescope` from pyproject.toml: the runtime "
            f"dependencies{' + the extras ' + ', '.join(stack) if stack else ' (a NumPy assignment: no framework)'}.\n"
            "# setup.sh installs it with the lock of the image's Python as constraints.\n")
    return head + "".join(line + "\n" for line in grading_requirements(stack, root))


def lock_for(version, root=None):
    """The lock file (relative to the course root) for Python ``version`` ("3.10", ...)."""
    other = OTHER_LOCK.format(version=version)
    return other if (Path(root or course_root()) / other).is_file() else LOCK
