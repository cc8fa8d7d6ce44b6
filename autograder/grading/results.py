"""What grading one submission produced: each test's :class:`TestResult` and the
submission's :class:`GradeResult`, with how the grading ended (:class:`Status`)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .._compat import StrEnum
from ..report import MINI_LABEL


class Status(StrEnum):
    """How a grading ended."""

    GRADED = "graded"                  # the tests ran (some may have failed)
    NOT_GRADED = "not graded"          # the submission could not be read: the student's to fix
    GRADER_FAILED = "grader failed"    # the grading machinery failed (no kernel, a crash)
    ENVIRONMENT = "environment"        # the instructor's set-up failed in an untouched kernel


# The student's code raising one of these means it cannot run as written (a stub, a name
# no cell defines, an import that fails), not that it computes a wrong answer.
BROKEN_CODE_ERRORS = ("NameError", "UnboundLocalError", "SyntaxError", "IndentationError",
                      "TabError", "ImportError", "ModuleNotFoundError", "NotImplementedError")


@dataclass
class TestResult:
    """One test cell's outcome."""

    grade_id: str
    max_score: float
    score: float = 0.0
    passed: bool = False
    message: str = ""
    output: str = ""
    seconds: float = 0.0
    mistake: str = ""          # id of the named mistake the failure recognised (hwlib.mistakes)
    error: str = ""            # the exception type the student's code raised ("" for a failed check)

    @property
    def broken_code(self):
        """True when the test failed because the student's code cannot run as written."""
        return self.error in BROKEN_CODE_ERRORS


@dataclass
class GradeResult:
    """One submission's grading: its tests' results and what happened on the way."""

    student: str
    assignment: str
    tests: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    notes: list = field(default_factory=list)       # what happened while running, for the report
    manual: dict = field(default_factory=dict)       # grade_id -> max points (graded by hand)
    written: dict = field(default_factory=dict)
    error: str = ""                                  # the submission could not be graded at all
    status: Status = Status.GRADED
    environment: str = ""                            # why (its first failure), when status is ENVIRONMENT
    broke_kernel: dict = field(default_factory=dict)  # a cell's grade_id (or label) -> what it did to the kernel
    isolation: str = ""
    data_subset: str = ""                            # "mini" when graded on hwlib's mini subsets
    seconds: float = 0.0
    outputs: dict = field(default_factory=dict)      # plan step position -> kernel outputs
    plan: object = None                              # the assembled Plan (not serialised)

    @property
    def score(self):
        return sum(t.score for t in self.tests)

    @property
    def max_score(self):
        return sum(t.max_score for t in self.tests)

    def summary(self):
        """One line for the instructor's report."""
        if self.error:
            label = f"; {MINI_LABEL}" if self.data_subset == "mini" else ""
            return f"0/{self.max_score:g}: {self.error}{label}"
        failed = [t.grade_id for t in self.tests if not t.passed]
        line = f"{self.score:g}/{self.max_score:g}"
        line += f"; failed {', '.join(failed)}" if failed else "; all tests passed"
        if self.notes:
            line += "; " + "; ".join(self.notes)
        if self.flags:
            line += "; FLAGGED: " + "; ".join(self.flags)
        if self.data_subset == "mini":
            line += f"; {MINI_LABEL}"
        return line

    def fail(self, error, message, tests, status=None):
        """Record a grading that could not finish: ``error`` for the report (may be ""),
        and a 0 with ``message`` for every test of ``tests`` ((grade_id, points) pairs) not
        reported yet; ``status`` how it ended, if not graded. The one way a result says
        "not graded"; returns ``self``."""
        self.error = error or self.error
        self.status = status or self.status
        seen = {t.grade_id for t in self.tests}
        self.tests += [TestResult(g, p, message=message) for g, p in tests if g not in seen]
        return self

    def to_dict(self):
        """The result as JSON-able data (without the kernel outputs and the plan)."""
        d = asdict(self)
        d.pop("outputs"), d.pop("plan")
        d["score"], d["max_score"] = self.score, self.max_score
        return d
