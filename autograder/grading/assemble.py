"""Build what gets graded from the instructor's source and the student's answers.

Only the student's *answer* cells (matched by nbgrader ``grade_id``) and the code cells
the student added are taken from the submission. Every other cell (set-up, tests,
hidden tests, points, metadata) comes from the instructor's source, so editing or
deleting a test, changing points or duplicating cells cannot change the grade; each such
change is reported as a flag.
"""
from dataclasses import dataclass, field

from .. import cells as C
from .._compat import StrEnum
from ..hidden_markers import hidden_markers


class StepKind(StrEnum):
    """Where a step runs."""

    RUN = "run"      # in the student's sandboxed kernel
    TEST = "test"    # in the grader's process
    TEXT = "text"    # nowhere (markdown, a written answer)


class Origin(StrEnum):
    """Whose code a step is."""

    ANSWER = "answer"            # the student's answer to a graded cell
    INSTRUCTOR = "instructor"    # the instructor's set-up or text
    STUDENT = "student"          # a cell the student added
    TEST = "test"                # the instructor's test cell
    WRITTEN = "written"          # a manually graded answer


@dataclass
class Step:
    kind: StepKind
    source: str
    label: str           # grade_id, or a description of the cell
    grade_id: str = None
    points: float = 0.0
    origin: Origin = Origin.INSTRUCTOR
    metadata: dict = field(default_factory=dict)   # the instructor's cell metadata

    def visible_source(self, markers=None):
        """The source a student may see: a test cell without its hidden part.

        ``markers``: the course's :class:`~autograder.hidden_markers.HiddenMarkers`
        (default: read from the course's nbgrader_config.py).
        """
        if self.kind != StepKind.TEST:
            return self.source
        return (markers or hidden_markers()).visible(self.source)


@dataclass
class Plan:
    steps: list = field(default_factory=list)
    preamble: list = field(default_factory=list)    # instructor code before the first answer
    flags: list = field(default_factory=list)       # tampering and structure problems
    written: dict = field(default_factory=dict)     # manually graded answers: grade_id -> text
    manual_points: dict = field(default_factory=dict)


def _by_grade_id(nb):
    out = {}
    for i, cell in enumerate(nb.cells):
        gid = C.grade_id(cell)
        if gid:
            out.setdefault(gid, []).append(i)
    return out


def _meta_signature(cell):
    m = C.nbgrader_meta(cell)
    return {k: m.get(k) for k in ("grade", "solution", "locked", "points", "task")}


def assemble(source, student, release=None):
    """A :class:`Plan` of steps in notebook order, with flags for anything tampered."""
    plan = Plan()
    src_ids = {C.grade_id(c): c for c in source.cells if C.grade_id(c)}
    rel_ids = {C.grade_id(c): c for c in (release.cells if release else []) if C.grade_id(c)}
    stu_ids = _by_grade_id(student)

    for gid, idxs in stu_ids.items():
        if len(idxs) > 1 and gid in src_ids:
            plan.flags.append(f"cell '{gid}' appears {len(idxs)} times (duplicated); "
                              "the last copy was graded")
    for gid, cell in src_ids.items():
        if gid not in stu_ids and (C.is_test(cell) or C.is_answer(cell)):
            plan.flags.append(f"cell '{gid}' is missing from the submission (deleted?)")
    for gid, idxs in stu_ids.items():
        stu = student.cells[idxs[-1]]
        ref = rel_ids.get(gid) or src_ids.get(gid)
        if ref is None:
            continue
        if _meta_signature(stu) != _meta_signature(ref):
            plan.flags.append(f"nbgrader metadata of '{gid}' was changed (points/grade/locked); ignored")
        locked_src = C.is_test(ref) or (not C.is_answer(ref) and not C.is_manual(ref))
        if locked_src and rel_ids and stu.source.strip() != rel_ids[gid].source.strip():
            plan.flags.append(f"read-only cell '{gid}' was edited; the original was used")

    first_answer = next((i for i, c in enumerate(source.cells) if C.is_answer(c)), len(source.cells))
    plan.preamble = [c.source for c in source.cells[:first_answer]
                     if c.cell_type == "code" and not C.is_test(c)]
    extras = _student_extras(student, src_ids)
    for cell in extras.get(None, []):  # added above every known cell
        plan.steps.append(Step(StepKind.RUN, cell.source, "a cell you added",
                               origin=Origin.STUDENT))
    for cell in source.cells:
        gid = C.grade_id(cell)
        meta = dict(cell.get("metadata", {}))
        if C.is_manual(cell):
            idxs = stu_ids.get(gid, [])
            text = student.cells[idxs[-1]].source if idxs else ""
            plan.written[gid] = text
            plan.manual_points[gid] = C.points(cell)
            kind = StepKind.TEXT if cell.cell_type != "code" else StepKind.RUN
            plan.steps.append(Step(kind, text, gid, gid, C.points(cell), origin=Origin.WRITTEN,
                                   metadata=meta))
        elif cell.cell_type != "code":
            plan.steps.append(Step(StepKind.TEXT, cell.source, gid or "text", gid,
                                   origin=Origin.INSTRUCTOR, metadata=meta))
        elif C.is_answer(cell):
            idxs = stu_ids.get(gid, [])
            code = student.cells[idxs[-1]].source if idxs else "raise NotImplementedError()"
            plan.steps.append(Step(StepKind.RUN, code, gid, gid, origin=Origin.ANSWER, metadata=meta))
        elif C.is_test(cell):
            plan.steps.append(Step(StepKind.TEST, cell.source, gid, gid, C.points(cell),
                                   origin=Origin.TEST, metadata=meta))
        else:
            plan.steps.append(Step(StepKind.RUN, cell.source, gid or "set-up cell", gid,
                                   origin=Origin.INSTRUCTOR, metadata=meta))
        for extra in extras.get(gid, []) if gid else []:
            plan.steps.append(Step(StepKind.RUN, extra.source, "a cell you added",
                                   origin=Origin.STUDENT))
    return plan


def _student_extras(student, src_ids):
    """Code cells the student added, grouped by the grade_id of the cell above them."""
    groups, anchor = {}, None
    for cell in student.cells:
        gid = C.grade_id(cell)
        if gid in src_ids:
            anchor = gid
        elif cell.cell_type == "code" and cell.source.strip():
            groups.setdefault(anchor, []).append(cell)
    return groups
