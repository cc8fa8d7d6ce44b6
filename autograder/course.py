"""Where the course lives and what it holds (found from this package's own location)."""
from pathlib import Path


class CourseError(Exception):
    """A problem with the course layout or a command's arguments; the message says how to fix it."""


def course_root(config=None):
    """The course directory: ``config.course_root`` (a :class:`~autograder.config.GradingConfig`;
    default: the environment's, ``$COURSE_ROOT``) or the folder above this package."""
    from .config import GradingConfig

    configured = (config or GradingConfig.from_env()).course_root
    root = Path(configured or Path(__file__).resolve().parent.parent)
    if not (root / "nbgrader_config.py").is_file():
        raise CourseError(f"{root} is not a course directory (no nbgrader_config.py); "
                          "set COURSE_ROOT to the course repository.")
    return root


def assignments(root=None):
    """Assignment ids: the folders of ``source/`` that hold ``<id>.ipynb``."""
    root = Path(root or course_root())
    return sorted(p.name for p in (root / "source").iterdir()
                  if p.is_dir() and (p / f"{p.name}.ipynb").is_file())


def source_notebook(assignment, root=None):
    """Path of ``source/<id>/<id>.ipynb``; CourseError listing the known ids if missing."""
    root = Path(root or course_root())
    path = root / "source" / assignment / f"{assignment}.ipynb"
    if not path.is_file():
        raise CourseError(f"unknown assignment {assignment!r}; known: {', '.join(assignments(root)) or 'none'}")
    return path


def release_notebook(assignment, root=None):
    """Path of the committed student version ``release/<id>/<id>.ipynb``."""
    root = Path(root or course_root())
    return root / "release" / assignment / f"{assignment}.ipynb"
