"""The course manifest ``course/course.toml``: assignments, budgets, data, goals."""
import tomllib
from dataclasses import dataclass, field

from .course import CourseError, course_root


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    week: int
    budget_seconds: float
    data: tuple = ()
    goals: tuple = field(default=())


def load(root=None):
    """``{id: Assignment}`` in manifest order; CourseError naming the problem if invalid."""
    path = (root or course_root()) / "course" / "course.toml"
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"{path}: {exc}") from None
    out = {}
    for i, entry in enumerate(data.get("assignment", [])):
        missing = [k for k in ("id", "title", "week", "budget_seconds") if k not in entry]
        if missing:
            raise CourseError(f"{path}: assignment #{i + 1} lacks {', '.join(missing)}")
        out[entry["id"]] = Assignment(entry["id"], entry["title"], int(entry["week"]),
                                      float(entry["budget_seconds"]), tuple(entry.get("data", ())),
                                      tuple(entry.get("goals", ())))
    return out


def budget(assignment, root=None, default=90.0):
    """The grading budget in seconds (the manifest's, or ``default`` if not listed)."""
    try:
        entry = load(root).get(assignment)
    except CourseError:
        entry = None
    return entry.budget_seconds if entry else default
