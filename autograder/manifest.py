"""The course manifest ``course/course.toml``: assignments, budgets, data, goals, and
the ``[gradescope]`` settings of ``results.json``."""
from dataclasses import dataclass, field
from pathlib import Path

from ._compat import tomllib
from .course import CourseError, course_root, release_notebook, source_notebook

DEFAULT_BOX_MB = 1536    # what an assignment not yet measured asks of the grading box
STACKS = ("torch", "keras")   # the framework extras of pyproject.toml an assignment may need


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    week: int
    budget_seconds: float
    data: tuple = ()
    goals: tuple = field(default=())
    # the memory (MB) the grader and its kernels together are promised to fit, at half a
    # CPU: tests/test_box.py holds the assignments promised Gradescope's default 768 MB to
    # it, and the bench measures every assignment's peak
    box_memory_mb: int = DEFAULT_BOX_MB
    # the extras of pyproject.toml the notebook needs beyond NumPy ("torch", "keras"): the
    # Gradescope image installs only these (a NumPy assignment's has no torch/TensorFlow)
    stack: tuple = ()
    # the last measured peak (MB, grader + kernels + page cache) and seconds of grading the
    # solution in the box at half a CPU (`make bench`, footprint section); the Gradescope
    # zip's README quotes them
    box_peak_mb: int | None = None
    box_seconds: float | None = None
    root: Path | None = field(default=None, compare=False)   # the course it belongs to

    @property
    def source(self) -> Path:
        """``source/<id>/<id>.ipynb``: solutions and hidden tests."""
        return source_notebook(self.id, self.root)

    @property
    def release(self) -> Path:
        """``release/<id>/<id>.ipynb``: the students' version (may not exist yet)."""
        return release_notebook(self.id, self.root)


DEFAULT_BUDGET = 90.0   # seconds per cell for an assignment the manifest does not list


def get(assignment, root=None):
    """The :class:`Assignment` ``assignment`` of the course at ``root``: the manifest's entry,
    or defaults (budget 90 s, no data) for a ``source/`` folder the manifest does not list
    or a course without a manifest.

    Raises:
        CourseError: no ``source/<id>/<id>.ipynb`` (the message lists the known ids), or a
            manifest that cannot be read.
    """
    root = Path(root or course_root())
    source_notebook(assignment, root)
    listed = load(root) if (root / "course" / "course.toml").exists() else {}
    if assignment in listed:
        return listed[assignment]
    return Assignment(assignment, assignment, 0, DEFAULT_BUDGET, root=root)


def resolve(assignment, root=None):
    """``assignment`` itself when it is an :class:`Assignment` already, else :func:`get` of
    the id: what commands pass down, so the manifest is read once per command."""
    return assignment if isinstance(assignment, Assignment) else get(assignment, root)


def read(root=None):
    """``(path, parsed TOML)`` of the manifest, for the modules that own keys of their own
    (the late policy, the LMS export); CourseError when it cannot be read."""
    path = Path(root or course_root()) / "course" / "course.toml"
    try:
        return path, tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"{path}: {exc}") from None


def load(root=None):
    """``{id: Assignment}`` in manifest order; CourseError naming the problem if invalid."""
    root = Path(root or course_root())
    path, data = read(root)
    out = {}
    for i, entry in enumerate(data.get("assignment", [])):
        missing = [k for k in ("id", "title", "week", "budget_seconds") if k not in entry]
        if missing:
            raise CourseError(f"{path}: assignment #{i + 1} lacks {', '.join(missing)}")
        unknown = sorted(set(entry.get("stack", ())) - set(STACKS))
        if unknown:
            raise CourseError(f"{path}: {entry['id']}: stack {unknown} unknown; use some of "
                              f"{', '.join(STACKS)} (extras of pyproject.toml)")
        out[entry["id"]] = Assignment(
            entry["id"], entry["title"], int(entry["week"]), float(entry["budget_seconds"]),
            data=tuple(entry.get("data", ())), goals=tuple(entry.get("goals", ())),
            box_memory_mb=int(entry.get("box_memory_mb", DEFAULT_BOX_MB)),
            stack=tuple(entry.get("stack", ())),
            box_peak_mb=entry.get("box_peak_mb"), box_seconds=entry.get("box_seconds"), root=root)
    return out


def budget(assignment, root=None, default=DEFAULT_BUDGET):
    """The grading budget in seconds (the manifest's, or ``default`` if not listed)."""
    try:
        entry = load(root).get(assignment)
    except CourseError:
        entry = None
    return entry.budget_seconds if entry else default


# Gradescope's visibility values (its autograder specifications, "Controlling Test Case
# Visibility"): when a student sees a test's entry in results.json.
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")


@dataclass(frozen=True)
class GradescopeSettings:
    """How ``results.json`` shows one assignment's tests to students (``[gradescope]``)."""

    test_visibility: str = "after_due_date"   # every test's entry: name, score, message


def gradescope_settings(assignment: str | None = None,
                        root: str | Path | None = None) -> GradescopeSettings:
    """The ``[gradescope]`` table of ``course/course.toml``, with ``[gradescope.<assignment>]``
    overriding it for that assignment; the defaults where the manifest says nothing.

    CourseError naming the problem for an unknown key, an unknown visibility value, or a
    sub-table that is not an assignment of the manifest.
    """
    path, data = read(root)
    table = data.get("gradescope", {})
    ids = {entry.get("id") for entry in data.get("assignment", [])}
    keys = set(GradescopeSettings.__dataclass_fields__)

    def settings(where, values):
        unknown = sorted(k for k, v in values.items() if k not in keys and not isinstance(v, dict))
        if unknown:
            raise CourseError(f"{path}: [{where}] has unknown keys {', '.join(unknown)} "
                              f"(known: {', '.join(sorted(keys))})")
        out = {k: values[k] for k in keys if k in values}
        for key, value in out.items():
            if value not in VISIBILITIES:
                raise CourseError(f"{path}: [{where}] {key} = {value!r}: use one of "
                                  f"{', '.join(VISIBILITIES)}")
        return out

    chosen = settings("gradescope", table)
    for name, sub in table.items():
        if isinstance(sub, dict):
            if name not in ids:
                raise CourseError(f"{path}: [gradescope.{name}] is not an assignment of the manifest")
            if name == assignment:
                chosen.update(settings(f"gradescope.{name}", sub))
    return GradescopeSettings(**chosen)
