"""Hostile and broken submissions, graded by the real grader on the real ``hw5_initialization``.

Each case takes the release notebook with every answer cell filled with the source
solution, applies one hostile change, grades it (student cells in a sandboxed kernel, test
cells in the grader) and checks the grade test by test, the message, note or flag, and that
nothing outside the submission's own folder was written or read. Everything happens in a
copy of the course (``COURSE_ROOT``), never in the repository.

Only the notebook's grade_ids are relied on, not the wording of its checks. To keep the
file fast, most gradings skip the instructor's demo cells that no test needs (plots, the
20-layer experiment), as ``validate`` does; the batch case grades whole notebooks.
"""
import ast
import builtins
import csv
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
from paths import REPO_ROOT

from autograder import cells as C
from autograder import report
from autograder.grade_one import grader_for
from autograder.validate import submission_for

pytestmark = pytest.mark.slow   # every case grades hw5 in a sandboxed kernel

ASSIGNMENT = "hw5_initialization"
ANSWERS = ("step", "step_network", "box_params", "riemann_params", "boxes_needed",
           "preactivation_variance", "init_variance", "activation_variances")
TESTS = tuple(f"test_{a}" for a in ANSWERS)
SHORT_BUDGET = 10.0    # seconds per cell, for the cases that must time out
PART_B = ("test_preactivation_variance", "test_init_variance", "test_activation_variances")


# -- the course copy ------------------------------------------------------------------
class Course:
    """A private copy of the course, with secrets planted where student code must not reach."""

    def __init__(self, base, uid):
        self.base = base                       # the folder around the course
        # the sandbox's uid: the tests' own (conftest), outside the pool that `grade`,
        # `grade-one` and `validate` draw from, so no process of it may survive a grading
        self.uid = uid
        self.root = base / "course"
        self.secret = "HOSTILE-SECRET-" + secrets.token_hex(8)
        self.canary = self.root / "CANARY.txt"
        self.other_student = self.root / "submitted" / "zoe" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        self.open_beside, self.open_inside = base / "open", self.root / "open"

    def source_nb(self):
        return C.read(self.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")

    def release_nb(self):
        return C.read(self.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")


_IGNORE = shutil.ignore_patterns(".venv", ".git", "submitted", "autograded", "feedback",
                                 "gradebook.db", "gradebook.db-journal", "reports",
                                 "__pycache__", ".pytest_cache", "artifacts")


def _outside_tmp():
    """A scratch folder outside /tmp (the sandbox hides all of /tmp anyway, so a course copy
    there would not show whether the course folder itself is hidden)."""
    for base in ("/var/tmp", None):
        try:
            return Path(tempfile.mkdtemp(prefix="hostile-", dir=base))
        except OSError:
            continue


def _cannot_run_here():
    from autograder.grading.sandbox import bwrap_works

    if os.geteuid() != 0:
        return "needs root: the sandbox runs each kernel under a uid of its own"
    if not bwrap_works():
        return "needs bubblewrap able to create namespaces (apt-get install bubblewrap)"
    if not (Path(os.environ.get("HWLIB_DATA") or "/nonexistent") / "mnist").is_dir():
        return "needs HWLIB_DATA with mnist/ (the notebook loads MNIST)"
    return None


@pytest.fixture(scope="module")
def course(new_sandbox_uid):
    problem = _cannot_run_here()
    if problem:   # in CI a failure, elsewhere a skip (as for the data in conftest.py)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(problem)
        pytest.skip(problem)
    base = _outside_tmp()
    try:
        yield from _make_course(base, new_sandbox_uid())
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _make_course(base, uid):
    base.chmod(0o755)    # readable by the sandbox's uid: only the sandbox keeps it out
    c = Course(base, uid)
    shutil.copytree(REPO_ROOT, c.root, ignore=_IGNORE)
    for folder in (c.open_beside, c.open_inside):   # writable by anyone, were it not for the sandbox
        folder.mkdir()
        folder.chmod(0o777)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_ROOT", str(c.root))
        if not (c.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file():
            from autograder.release import release
            release(ASSIGNMENT, c.root, echo=lambda *_: None)
        c.canary.write_text(c.secret + "\n")
        (c.root / "gradebook.db").write_text(f"not a database; {c.secret}\n")
        c.other_student.parent.mkdir(parents=True)
        c.other_student.write_text(json.dumps({"cells": [], "secret": c.secret}))
        c.points = {C.grade_id(cell): C.points(cell) for _, cell in C.test_cells(c.source_nb())}
        assert set(c.points) == set(TESTS), "the notebook's test grade_ids changed"
        c.full = sum(c.points.values())
        yield c


def _snapshot(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(autouse=True)
def course_untouched(course):
    """Every case: the course copy (canary, sources, fake gradebook, another student's
    notebook) is byte for byte the same afterwards, and nothing appeared beside it."""
    before, around = _snapshot(course.root), sorted(os.listdir(course.base))
    yield
    assert _snapshot(course.root) == before
    assert sorted(os.listdir(course.base)) == around
    assert course.canary.read_text() == course.secret + "\n"


# -- submissions ----------------------------------------------------------------------
def solution(course, gid):
    return next(c.source for c in course.source_nb().cells if C.grade_id(c) == gid)


def correct(course, **answers):
    """The release notebook with every answer filled (the solution unless given)."""
    return submission_for(course.source_nb(), course.release_nb(), answers)


def add_cell(nb, after, code):
    """Insert a code cell of the student's own after the cell ``after`` (a grade_id)."""
    i = next(i for i, c in enumerate(nb.cells) if C.grade_id(c) == after)
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell(code))
    return nb


def cell_of(nb, gid):
    return next(c for c in nb.cells if C.grade_id(c) == gid)


WRONG = {  # wrong answers that the self-checks catch whatever the student's kernel does
    "step": "def step(z):\n    z = np.asarray(z, dtype=float)\n    return np.where(z > 0, 1.0, 0.0)\n",
    "init_variance": "def init_variance(n_in, n_out, scheme):\n    return 1.0 / n_out\n",
}


# -- grading --------------------------------------------------------------------------
def _free_names(source):
    from autograder.grading.trusted import python_source

    tree = ast.parse(python_source(source))
    bound, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return used - bound - set(dir(builtins))


def skip_demos(plan):
    """Every step except the instructor's cells after the first answer that define nothing a
    test, an answer or a student's cell uses (plots and the long experiment)."""
    from autograder.slicing import names

    first = min(i for i, s in enumerate(plan.steps) if s.origin == "answer")
    wanted = set().union(*(_free_names(s.source) for s in plan.steps
                           if s.kind == "test" or s.origin in ("answer", "student")))
    return {i for i, s in enumerate(plan.steps)
            if i < first or s.origin != "instructor" or names(s.source)[0] & wanted}


def grade(course, nb, folder, name="student", budget=None, select=skip_demos):
    """Grade ``nb`` (a notebook, or a path) with the grader the batch uses; a GradeResult."""
    if isinstance(nb, (str, Path)):
        path = Path(nb)
    else:
        path = Path(folder) / f"{name}.ipynb"
        nbformat.write(nb, str(path))
    grader = grader_for(ASSIGNMENT, course.root, uid=course.uid)
    if budget:
        grader.budget = grader.call_timeout = budget
    return grader.grade(path, student=name, assignment=ASSIGNMENT, select=select)


def by_id(result):
    return {t.grade_id: t for t in result.tests}


def assert_scores(result, course, zero=(), full=None):
    """Tests in ``zero`` scored 0; tests in ``full`` (default: all others) full points."""
    tests = by_id(result)
    assert sorted(tests) == sorted(TESTS), "every test is reported"
    full = [g for g in TESTS if g not in zero] if full is None else full
    for gid in zero:
        assert tests[gid].score == 0 and not tests[gid].passed, gid
    for gid in full:
        assert tests[gid].passed and tests[gid].score == course.points[gid], \
            f"{gid}: {tests[gid].message}"


def step_pos(result, label="a cell you added", nth=0):
    return [i for i, s in enumerate(result.plan.steps) if s.label == label][nth]


def text_of(outputs):
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return "".join(parts)


def everything_reported(result):
    """All a student or instructor gets to see of a result, as one string."""
    return json.dumps(result.to_dict()) + json.dumps(
        {str(k): [dict(o) for o in v] for k, v in result.outputs.items()})


def _top_level_names(source):
    from autograder.grading.trusted import python_source

    out = set()
    for node in ast.parse(python_source(source)).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
        else:
            out.update(n.id for n in ast.walk(node)
                       if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return out


def unaffected_by(result, gid):
    """Tests that cannot depend on answer cell ``gid``: those before it, and those after it
    that use nothing it defines, even through other cells (by the names they use)."""
    steps = result.plan.steps
    pos = next(i for i, s in enumerate(steps) if s.origin == "answer" and s.grade_id == gid)
    tainted, keep = _top_level_names(steps[pos].source), []
    for i, s in enumerate(steps):
        if s.kind not in ("run", "test") or i == pos:
            continue
        hit = i > pos and _free_names(s.source) & tainted
        if hit:
            tainted |= _top_level_names(s.source)
        elif s.kind == "test":
            keep.append(s.grade_id)
    return keep


def processes_of(uid):
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/status") as fh:
                    if any(row.startswith("Uid:") and int(row.split()[1]) == uid for row in fh):
                        found.append(int(pid))
            except (OSError, ValueError):
                pass
    return found


def wait_until_no_processes(uid, timeout=20.0):
    deadline = time.monotonic() + timeout
    while processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return processes_of(uid)


@pytest.fixture(scope="module")
def baseline(course, tmp_path_factory):
    return grade(course, correct(course), tmp_path_factory.mktemp("baseline"), "baseline")


def test_baseline_correct_submission_gets_full_marks(baseline, course):
    assert baseline.error == "" and baseline.flags == [] and baseline.notes == []
    assert_scores(baseline, course)
    assert baseline.score == baseline.max_score == course.full
    assert "bubblewrap" in baseline.isolation and f"uid {course.uid}" in baseline.isolation


# -- 1, 2: cells that never end ---------------------------------------------------------
def test_infinite_loop_in_an_answer_cell_times_out(course, tmp_path):
    nb = correct(course, step="while True:\n    pass\n\n" + solution(course, "step"))
    start = time.monotonic()
    r = grade(course, nb, tmp_path, budget=SHORT_BUDGET)
    assert time.monotonic() - start < 5 * SHORT_BUDGET + 60
    assert r.error == ""
    t = by_id(r)["test_step"]
    assert t.score == 0 and "ran out of time" in t.message and "KeyboardInterrupt" not in t.message
    assert any(n.startswith("step:") and "ran out of time" in n for n in r.notes)
    keep = unaffected_by(r, "step")
    assert set(PART_B) <= set(keep)
    assert_scores(r, course, zero=["test_step"], full=keep)


def test_loop_that_ignores_sigint_is_killed_and_the_rest_replayed(course, tmp_path):
    nb = add_cell(correct(course), "test_boxes_needed",
                  "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n")
    r = grade(course, nb, tmp_path, budget=SHORT_BUDGET)
    assert r.error == ""
    assert_scores(r, course)            # the cells before it were replayed in a new kernel
    assert any(n.startswith("a cell you added") and "ran out of time" in n for n in r.notes)
    assert any("kernel restarted" in n for n in r.notes)
    assert wait_until_no_processes(course.uid) == []


def test_a_notebook_that_keeps_running_out_of_time_stops_at_its_deadline(course, tmp_path):
    # one cell ignores SIGINT (it is killed, the kernel restarted and the earlier cells
    # replayed), then a dozen loops that each use up the cell's time: without an overall
    # deadline this would take 13 x the budget and more
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"
    nb = add_cell(correct(course), "test_step", stubborn)
    for _ in range(12):
        nb = add_cell(nb, "test_step_network", "while True:\n    pass\n")
    start = time.monotonic()
    grader = grader_for(ASSIGNMENT, course.root, uid=course.uid)
    grader.budget = grader.call_timeout = SHORT_BUDGET
    deadline = grader.deadline_seconds
    assert deadline == 3 * SHORT_BUDGET + 60
    path = tmp_path / "stubborn.ipynb"
    nbformat.write(nb, str(path))
    r = grader.grade(path, student="stubborn", assignment=ASSIGNMENT, select=skip_demos)
    took = time.monotonic() - start
    assert took < deadline + 45, f"{took:.0f} s for a {deadline:.0f} s deadline"
    tests = by_id(r)
    assert sorted(tests) == sorted(TESTS)          # every test reported, none lost
    assert tests["test_step"].passed               # points earned before the deadline are kept
    late = [t for t in r.tests if t.message.startswith("not run: the notebook used up its time")]
    assert late and all(t.score == 0 for t in late)
    assert any(n.startswith("the notebook used up its time") for n in r.notes), r.notes
    assert wait_until_no_processes(course.uid) == [], "a process outlived the deadline"


# -- 3, 4: resources ------------------------------------------------------------------
def test_memory_bomb_raises_memory_error_in_the_kernel(course, tmp_path):
    nb = add_cell(correct(course), "test_step", "x = np.ones(50 * 10**9 // 8)  # 50 GB\n")
    r = grade(course, nb, tmp_path)
    assert r.error == ""
    assert len(r.notes) == 1 and r.notes[0].startswith("a cell you added raised MemoryError") \
        and r.notes[0].endswith("(your code; grading went on)"), r.notes
    assert "MemoryError" in text_of(r.outputs[step_pos(r)])
    assert_scores(r, course)
    assert "MB memory" in r.isolation


def test_fork_bomb_stops_at_the_process_limit_and_leaves_no_process(course, tmp_path):
    assert wait_until_no_processes(course.uid) == [], f"processes of uid {course.uid} before the test"
    nb = add_cell(correct(course), "test_step",
                  "import os\nfor _ in range(5000):\n    if os.fork() == 0:\n"
                  "        import time; time.sleep(30); os._exit(0)\n")
    r = grade(course, nb, tmp_path)
    assert r.error == ""
    out = text_of(r.outputs[step_pos(r)])
    assert "BlockingIOError" in out or "Resource temporarily unavailable" in out
    # the tests before it keep their points; the later ones are all graded (the sleeping
    # children hold the process limit for a while, so later cells may fail: its own doing)
    assert_scores(r, course, full=["test_step"])
    assert all(t.passed or t.message for t in r.tests)
    assert "processes" in r.isolation
    assert wait_until_no_processes(course.uid) == [], "a forked child outlived the grading"


# -- 4b: cells the student added are the student's, wherever they sit ------------------
STUDENT_ERRORS = {
    "missing_import": ("import seaborn_is_not_installed as sns\n", "ModuleNotFoundError"),
    # loopback only: inside the sandbox there is no network at all
    "network_call": ("import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=2)\n",
                     "Error"),
}


def add_top_cell(nb, code):
    nb.cells.insert(0, nbformat.v4.new_code_cell(code))
    return nb


@pytest.mark.parametrize("case", sorted(STUDENT_ERRORS))
@pytest.mark.parametrize("where", ["top", "among_setup"])
def test_a_cell_the_student_added_before_the_answers_is_theirs_and_costs_nothing(course, tmp_path,
                                                                                where, case):
    code, error = STUDENT_ERRORS[case]
    nb = add_top_cell(correct(course), code) if where == "top" else add_cell(correct(course), "setup", code)
    r = grade(course, nb, tmp_path)
    assert r.error == ""
    assert_scores(r, course)
    assert not any(n.startswith("GRADING ENVIRONMENT") for n in r.notes), r.notes
    assert len(r.notes) == 1 and r.notes[0].startswith("a cell you added raised ") \
        and error in r.notes[0] and r.notes[0].endswith("(your code; grading went on)"), r.notes


def test_grade_one_gives_full_marks_and_exit_0_despite_a_failing_top_cell(course, tmp_path):
    path = tmp_path / "top.ipynb"
    nbformat.write(add_top_cell(correct(course), STUDENT_ERRORS["missing_import"][0]), str(path))
    proc = _cli("grade-one", str(path), "--assignment", ASSIGNMENT, "--out", str(tmp_path),
                root=course.root, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["score"] == results["extra_data"]["max_score"] == course.full
    assert "ModuleNotFoundError" in proc.stdout and "your code; grading went on" in proc.stdout
    assert "tell your instructor" not in proc.stdout


def test_an_instructor_set_up_that_fails_untouched_is_the_environments_not_the_students(course, tmp_path):
    """A set-up cell of the instructor's failing in the kernel before any student code ran
    (the image keeps the data from the kernel's uid, say) is the grading environment's
    fault: its own status and reason. (It passes in the grader's process, which is root.)"""
    from autograder.grading.results import Status

    grader = grader_for(ASSIGNMENT, course.root, uid=course.uid)
    first = next(c for c in grader.source.cells if c.cell_type == "code")
    first.source = ("import os\nif os.getuid() != 0:\n    raise PermissionError('the kernel cannot read the data')\n"
                    + first.source)                                     # in memory only
    path = tmp_path / "student.ipynb"
    nbformat.write(correct(course), str(path))
    r = grader.grade(path, student="student", assignment=ASSIGNMENT, select=skip_demos)
    assert r.status == Status.ENVIRONMENT, r.notes
    assert "PermissionError" in r.environment and r.environment.startswith("set-up cell"), r.environment
    assert f"GRADING ENVIRONMENT: {r.environment}" in r.notes


# -- 5, 6: the kernel dies or is asked to exit --------------------------------------------
@pytest.mark.parametrize("code", ["import os\nos._exit(0)\n", "import ctypes\nctypes.string_at(0)\n"],
                         ids=["os_exit", "segfault"])
def test_kernel_death_mid_notebook_restarts_and_grades_the_rest(course, tmp_path, code):
    nb = add_cell(correct(course), "test_box_params", code)
    r = grade(course, nb, tmp_path)
    assert r.error == ""
    assert_scores(r, course)
    assert any(n.startswith("a cell you added") and "kernel died" in n for n in r.notes)
    assert any("kernel restarted" in n for n in r.notes)


def test_sys_exit_does_not_stop_grading(course, tmp_path):
    nb = add_cell(correct(course), "test_step", "import sys\nsys.exit()\n")
    r = grade(course, nb, tmp_path)
    assert r.error == ""
    assert len(r.notes) == 1 and r.notes[0].startswith("a cell you added raised SystemExit"), r.notes
    assert "SystemExit" in text_of(r.outputs[step_pos(r)])
    assert_scores(r, course)


# -- 7, 8: tampering with the checks from inside the kernel -------------------------------
MONKEYPATCH = '''import numpy.testing
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.testing.assert_array_equal = lambda *a, **k: None
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), dtype=bool)
import hwlib.testing
for _name in dir(hwlib.testing):
    if _name.startswith(("assert_", "call", "no_warnings", "_fail", "_match")):
        setattr(hwlib.testing, _name, lambda *a, **k: None)
assert_close = assert_equal = assert_true = assert_shape = assert_between = lambda *a, **k: None
'''


def test_monkeypatching_the_checks_in_the_kernel_changes_nothing(course, tmp_path):
    nb = correct(course, step=MONKEYPATCH + WRONG["step"])
    r = grade(course, nb, tmp_path)
    t = by_id(r)["test_step"]
    assert t.score == 0 and "step" in t.message and "not defined" not in t.message
    assert_scores(r, course, zero=["test_step"], full=unaffected_by(r, "step"))


TRICKS = {
    # hides every error of the later cells
    "input_transformer": '''def _swallow(lines):
    body = "".join("    " + l for l in lines) or "    pass\\n"
    return ["try:\\n", body, "\\nexcept BaseException:\\n    pass\\n"]
get_ipython().input_transformers_post.append(_swallow)
''',
    # rewrites the agent's answers "your function raised" into a made-up value
    "settrace": '''import sys
def _serve_tracer(frame, event, arg):
    reply = frame.f_locals.get("reply")
    if event == "line" and isinstance(reply, dict) and not reply.get("ok", True):
        frame.f_locals["reply"] = {"ok": True, "value": 0.25, "copyback": [], "warnings": []}
    return _serve_tracer
def _tracer(frame, event, arg):
    if frame.f_code.co_name == "serve":
        return _serve_tracer
    return None
sys.settrace(_tracer)
''',
}


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_kernel_tricks_do_not_turn_wrong_answers_into_points(course, tmp_path, trick):
    raising = "def init_variance(n_in, n_out, scheme):\n    raise ValueError('no idea')\n"
    nb = add_cell(correct(course, step=WRONG["step"], init_variance=raising), "test_step", TRICKS[trick])
    r = grade(course, nb, tmp_path)
    tests = by_id(r)
    assert tests["test_step"].score == 0 and tests["test_init_variance"].score == 0
    assert "not defined" not in tests["test_step"].message
    # the trick was at work: the settrace one answered for the function that raised
    assert ("ValueError" in tests["test_init_variance"].message) == (trick != "settrace")
    # the correct answers, graded through the same trick, keep their points
    keep = sorted(set(unaffected_by(r, "step")) & set(unaffected_by(r, "init_variance")))
    assert "test_preactivation_variance" in keep
    assert_scores(r, course, zero=["test_step", "test_init_variance"], full=keep)


def test_a_trick_that_breaks_the_graders_requests_says_so(course, tmp_path):
    """The notebook drops the grader's requests: the tests after it get 0, with a message
    that names the broken request (not "not defined"); the tests before keep their points."""
    sabotage = ('def _no_grader(lines):\n'
                '    return ["pass\\n"] if any("_autograder_agent" in l for l in lines) else lines\n'
                'get_ipython().input_transformers_post.append(_no_grader)\n')
    r = grade(course, add_cell(correct(course), "test_step", sabotage), tmp_path)
    assert r.error == ""
    assert_scores(r, course, zero=TESTS[1:], full=["test_step"])
    for t in r.tests[1:]:
        assert "did not answer the grader" in t.message and "not defined" not in t.message


# -- 9-12: tampering with the notebook file -------------------------------------------
@pytest.fixture(scope="module")
def tampered(course, tmp_path_factory):
    nb = correct(course)
    cell_of(nb, "test_step").source = "pass"                                  # 9
    nb.cells.remove(cell_of(nb, "test_riemann_params"))                       # 10 (has hidden tests)
    for gid in ("box_params", "test_box_params"):                             # 11
        i = nb.cells.index(cell_of(nb, gid))
        copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[i])))
        copy.id = f"copy-{gid}"     # as Jupyter does: a copied cell gets an id of its own
        nb.cells.insert(i + 1, copy)
    meta = cell_of(nb, "test_init_variance").metadata.nbgrader                # 12
    meta["points"], meta["grade"] = 1000, False
    cell_of(nb, "test_preactivation_variance").metadata.nbgrader["grade_id"] = "test_renamed"
    return grade(course, nb, tmp_path_factory.mktemp("tampered"), "tampered")


def _flag(result, *words):
    return [f for f in result.flags if all(w in f for w in words)]


def test_edited_visible_test_is_graded_with_the_original(tampered, course):
    assert by_id(tampered)["test_step"].passed          # the original test ran (not `pass`)
    assert _flag(tampered, "test_step", "edited")


def test_deleted_hidden_test_cell_is_still_graded(tampered, course):
    t = by_id(tampered)["test_riemann_params"]
    assert t.passed and t.score == course.points["test_riemann_params"]
    assert _flag(tampered, "test_riemann_params", "missing")


def test_duplicated_cells_are_flagged_and_graded_once(tampered, course):
    assert [t.grade_id for t in tampered.tests].count("test_box_params") == 1
    assert by_id(tampered)["test_box_params"].passed
    assert _flag(tampered, "box_params", "duplicated") and _flag(tampered, "test_box_params", "duplicated")


def test_changed_metadata_keeps_the_original_points(tampered, course):
    assert_scores(tampered, course)
    assert tampered.score == tampered.max_score == course.full
    assert _flag(tampered, "test_init_variance", "metadata")
    assert _flag(tampered, "test_preactivation_variance", "missing")


# -- 13-15: the sandbox ---------------------------------------------------------------
READS = '''import os
for label, path in {targets!r}:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        print(f"READ {{label}}: LEAKED {{len(data)}} bytes")
    except Exception as exc:
        print(f"READ {{label}}: {{type(exc).__name__}}")
for label, path in {folders!r}:
    try:
        st = os.stat(path)
        print(f"STAT {{label}}: {{st.st_dev}}:{{st.st_ino}}")
        print(f"LIST {{label}}: {{sorted(os.listdir(path))}}")
    except Exception as exc:
        print(f"LIST {{label}}: {{type(exc).__name__}}")
'''

WRITES = '''import os
for label, path in {targets!r}:
    try:
        with open(path, "w") as fh:
            fh.write("written by a student")
        print(f"WRITE {{label}}: WRITTEN")
    except Exception as exc:
        print(f"WRITE {{label}}: {{type(exc).__name__}}")
'''

NETWORK = '''import socket
def attempt(label, address):
    try:
        socket.create_connection(address, timeout=3).close()
        print(f"NET {{label}}: CONNECTED")
    except OSError as exc:
        print(f"NET {{label}}: {{type(exc).__name__}}")
attempt("loopback", ("127.0.0.1", {port}))
print("NET interfaces:", sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:]))
routes = open("/proc/net/route").read().splitlines()[1:]
if routes:
    print("NET ROUTES PRESENT: not trying an outside address")
else:  # no route at all: the attempt fails before any packet could leave
    attempt("outside", ("192.0.2.1", 80))
'''


@pytest.fixture(scope="module")
def probe(course, tmp_path_factory):
    """One submission whose added cells try to read, write and connect where they must not."""
    tag = secrets.token_hex(4)
    neighbour = Path(tempfile.mkdtemp(prefix="hostile-neighbour-"))   # another grading's folder
    neighbour.chmod(0o755)
    (neighbour / "secret.txt").write_text(course.secret)
    venv_site = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    data = os.environ.get("HWLIB_DATA") or str(tmp_path_factory.mktemp("nodata"))
    reads = [("solutions", str(course.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")),
             ("gradebook", str(course.root / "gradebook.db")),
             ("canary", str(course.canary)),
             ("other_student", str(course.other_student)),
             ("neighbour", str(neighbour / "secret.txt")),
             ("repo_solutions", str(REPO_ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))]
    folders = [("course", str(course.root)), ("home", str(Path.home())), ("repo", str(REPO_ROOT))]
    writes = {"course": course.open_inside / f"hostile-{tag}.txt",
              "next_to_course": course.open_beside / f"hostile-{tag}.txt",
              "source": course.root / "source" / ASSIGNMENT / f"hostile-{tag}.txt",
              "tmp": Path(tempfile.gettempdir()) / f"hostile-{tag}.txt",
              "home": Path.home() / f"hostile-{tag}.txt",
              "repo": REPO_ROOT / f"hostile-{tag}.txt",
              "venv": venv_site / f"hostile-{tag}.pth",
              "data": Path(data) / f"hostile-{tag}.txt",
              "own_folder": Path(f"own-{tag}.txt")}                      # relative: its own folder
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted, stop = [], threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, addr = server.accept()
                accepted.append(addr)
                conn.close()
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    nb = correct(course)
    add_cell(nb, "test_step", READS.format(targets=reads, folders=folders))
    add_cell(nb, "test_step_network", WRITES.format(targets=[(k, str(v)) for k, v in writes.items()]))
    add_cell(nb, "test_box_params", NETWORK.format(port=server.getsockname()[1]))
    try:
        result = grade(course, nb, tmp_path_factory.mktemp("probe"), "probe")
    finally:
        stop.set()
        thread.join()
        server.close()
        written = {k: p for k, p in writes.items() if p.is_absolute() and p.exists()}
        for p in written.values():
            p.unlink()          # never leave a student's file on the machine, even on failure
        shutil.rmtree(neighbour, ignore_errors=True)
    outputs = [text_of(result.outputs[step_pos(result, nth=n)]) for n in range(3)]
    return {"result": result, "reads": outputs[0], "writes": outputs[1], "net": outputs[2],
            "written": written, "accepted": accepted, "read_labels": [label for label, _ in reads],
            "write_labels": list(writes), "folders": folders}


def test_reading_solutions_gradebook_or_other_students_fails(probe, course):
    out = probe["reads"]
    for label in probe["read_labels"]:
        line = next(row for row in out.splitlines() if row.startswith(f"READ {label}:"))
        assert "LEAKED" not in line and ("FileNotFoundError" in line or "PermissionError" in line), line
    for label, path in probe["folders"]:   # each is another (empty) folder in the sandbox
        st = os.stat(path)
        assert f"STAT {label}: {st.st_dev}:{st.st_ino}\n" not in out
        line = next(row for row in out.splitlines() if row.startswith(f"LIST {label}:"))
        assert "'source'" not in line and "'autograder'" not in line and "gradebook" not in line, line
    reported = everything_reported(probe["result"])
    assert course.secret not in reported
    assert "BEGIN HIDDEN TESTS" not in reported and "BEGIN SOLUTION" not in reported
    assert_scores(probe["result"], course)


def test_writing_outside_its_own_folder_fails(probe):
    out = probe["writes"]
    assert probe["written"] == {}, f"written on the host: {probe['written']}"
    for label in probe["write_labels"]:
        line = next(row for row in out.splitlines() if row.startswith(f"WRITE {label}:"))
        if label == "own_folder":
            assert line.endswith("WRITTEN"), line     # its own folder is writable...
        else:
            assert "WRITTEN" not in line, line
    assert not list(Path(tempfile.gettempdir()).glob("autograder-*/sub-*/own-*.txt"))  # ...and removed


def test_network_is_unreachable(probe, course):
    out = probe["net"]
    assert "NET loopback:" in out and "CONNECTED" not in out
    assert "NET interfaces: ['lo']" in out and "ROUTES PRESENT" not in out
    assert "NET outside:" in out
    assert probe["accepted"] == [], "the listener outside the sandbox received a connection"


# -- 16: output flood -----------------------------------------------------------------
def test_100_mb_of_output_is_truncated(course, tmp_path):
    flood = ('import sys\n_chunk = "y" * 999_999 + "\\n"\nfor _ in range(100):\n'
             '    sys.stdout.write(_chunk)\nsys.stdout.flush()\n')
    r = grade(course, add_cell(correct(course), "test_step", flood), tmp_path)
    assert r.error == ""
    assert_scores(r, course)
    text = text_of(r.outputs[step_pos(r)])
    assert "output truncated" in text and len(text) < 100_000
    out = tmp_path / "results.json"
    report.write_json_atomic(out, report.gradescope(r))
    assert out.stat().st_size < 1 << 20
    assert len(json.dumps(r.to_dict())) < 1 << 20


# -- 17: broken files -----------------------------------------------------------------
@pytest.mark.parametrize("kind, words", [
    ("corrupt", ["not valid notebook JSON", "corrupt"]),
    ("missing", ["no notebook at"]),
    ("empty", ["empty", "0 bytes"]),
    ("not_a_notebook", ["not a Jupyter notebook"]),
    ("binary", ["not a text file"]),
])
def test_broken_notebook_file_gets_a_clear_message(course, tmp_path, kind, words):
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    good = nbformat.writes(correct(course))
    content = {"corrupt": good[: len(good) // 2], "empty": "", "not_a_notebook": '{"hello": 1}',
               "binary": b"\x89PNG\r\n\x1a\n\xff\xfe"}.get(kind)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    grader = grader_for(ASSIGNMENT, course.root, uid=course.uid)
    r = grader.grade(path, student=kind, assignment=ASSIGNMENT)
    assert all(w in r.error for w in words), r.error
    assert r.score == 0 and r.max_score == course.full
    assert all(t.score == 0 and t.message.startswith("not graded") for t in r.tests)
    assert r.error in r.summary()


def test_grade_one_cli_reports_a_corrupt_notebook(course, tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [')
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade-one", str(path), "--assignment",
                           ASSIGNMENT, "--out", str(tmp_path), "--fail-under", "50"],
                          cwd=tmp_path, env={**os.environ, "COURSE_ROOT": str(course.root)},
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "not valid notebook JSON" in proc.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["score"] == 0 and "not valid notebook JSON" in results["output"]


def test_older_nbformat_v3_gets_full_marks(course, tmp_path):
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    nbformat.write(nbformat.convert(correct(course), 3), str(path))
    assert json.loads(path.read_text())["nbformat"] == 3
    r = grade(course, path, tmp_path)
    assert r.error == "" and r.flags == []
    assert_scores(r, course)


# -- 20, 21: attacks on the grader's own channel ------------------------------------------
FORGED = '''import types
step = types.ModuleType({module!r})       # "importing" it would run code in the grader

_real_serve = _autograder_agent.serve
def _forged_serve(rid):
    import io, json, os, struct, zipfile
    base = os.path.join(_autograder_agent.mailbox, f"req-{{rid}}")
    with open(base + ".json") as fh:
        req = json.load(fh)
    if req.get("op") != "get" or req.get("name") != "box_params":
        return _real_serve(rid)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a0.npy", bytes(1024))
    data = bytearray(buf.getvalue())
    entry = data.rfind(b"PK\\x01\\x02")
    data[entry + 24:entry + 28] = struct.pack("<I", 3 << 30)   # "unpacks to 3 GB"
    out = os.path.join(_autograder_agent.mailbox, f"resp-{{rid}}")
    with open(out + ".npz", "wb") as fh:
        fh.write(data)
    with open(out + ".json", "w") as fh:
        json.dump({{"ok": True, "value": {{"$": "nd", "k": "a0"}}, "copyback": [], "warnings": []}}, fh)
_autograder_agent.serve = _forged_serve
'''


def test_forged_values_cannot_make_the_grader_import_or_unpack(course, tmp_path, monkeypatch):
    module = f"hostile_probe_{secrets.token_hex(4)}"
    marker = tmp_path / "imported-by-the-grader"
    (tmp_path / f"{module}.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nraise SystemExit('the grader exits')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    nb = add_cell(correct(course), "step", FORGED.format(module=module))
    r = grade(course, nb, tmp_path)
    assert not marker.exists() and module not in sys.modules
    tests = by_id(r)
    assert tests["test_step"].score == 0 and "does not load" in tests["test_step"].message
    assert tests["test_box_params"].score == 0 and "too large" in tests["test_box_params"].message
    assert_scores(r, course, zero=["test_step", "test_box_params"], full=PART_B)


MAILBOX = '''import os
_mailbox = _autograder_agent.mailbox
try:
    os.rename(_mailbox, _mailbox + "-moved")
    print("MAILBOX RENAMED")
except OSError as exc:
    print("rename:", type(exc).__name__)
for _n in range(1, 1000):
    for _suffix in (".json.part", ".npz.part", ".json"):
        try:
            os.symlink({victim!r}, os.path.join(_mailbox, f"req-{{_n}}{{_suffix}}"))
        except OSError:
            pass
print("planted")
'''


def test_symlinks_in_the_mailbox_do_not_redirect_the_graders_writes(course, tmp_path):
    """The grader writes its requests (as root) into a folder the kernel shares; links the
    student plants there, before and after a kernel restart, must not lead it elsewhere."""
    victim = course.base / "victim.txt"
    victim.write_text("ORIGINAL")
    before = victim.stat()
    try:
        nb = add_cell(correct(course), "test_step", MAILBOX.format(victim=str(victim)))
        add_cell(nb, "test_boxes_needed", "import os\nos._exit(0)\n")     # a restart: a new mailbox
        r = grade(course, nb, tmp_path)
        after = victim.stat()
        assert victim.read_text() == "ORIGINAL"
        assert (after.st_uid, after.st_gid, after.st_mode) == (before.st_uid, before.st_gid, before.st_mode)
    finally:
        victim.unlink()
    out = text_of(r.outputs[step_pos(r)])
    assert "rename:" in out and "MAILBOX RENAMED" not in out and "planted" in out
    assert any("kernel restarted" in n for n in r.notes)
    assert_scores(r, course)


# -- 18: a batch of them -------------------------------------------------------------------
def _cli(*args, root, cwd, timeout=900):
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "COURSE_ROOT": str(root)})


def test_batch_collect_and_grade_a_class_with_hostile_submissions(course, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(course.root, root, ignore=_IGNORE)
    (root / "gradebook.db").unlink(missing_ok=True)
    lms = tmp_path / "lms"
    (lms / "carol").mkdir(parents=True)
    (lms / "notes").mkdir()
    nbformat.write(correct(course), str(lms / "alice.ipynb"))
    carol = add_cell(correct(course), "test_step", "x = np.ones(50 * 10**9 // 8)  # 50 GB\n")
    nbformat.write(add_cell(carol, "test_step_network", "import os\nos._exit(0)\n"),
                   str(lms / "carol" / "my work.ipynb"))
    (lms / f"dave_{ASSIGNMENT}.ipynb").write_text(nbformat.writes(correct(course))[:5000])
    (lms / "erin.ipynb").write_text("")
    (lms / "README.txt").write_text("submissions exported from the LMS")
    (lms / "notes" / "todo.txt").write_text("grade these")
    students = ["alice", "carol", "dave", "erin"]

    proc = _cli("collect", str(lms), ASSIGNMENT, root=root, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "imported 4 submission(s)" in proc.stdout
    assert "skipped README.txt: not a notebook" in proc.stdout
    assert "skipped notes/todo.txt: not a notebook" in proc.stdout
    submitted = {s: (root / "submitted" / s / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes()
                 for s in students}

    proc = _cli("grade", ASSIGNMENT, "--workers", "2", "--no-progress", root=root, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 submission(s)" in proc.stdout
    with open(root / "reports" / f"{ASSIGNMENT}.csv") as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    assert sorted(rows) == students
    for s in ("alice", "carol"):
        assert float(rows[s]["score"]) == course.full, rows[s]["report"]
    assert "kernel died" in rows["carol"]["report"] and "all tests passed" in rows["carol"]["report"]
    assert float(rows["dave"]["score"]) == 0 and "not valid notebook JSON" in rows["dave"]["report"]
    assert float(rows["erin"]["score"]) == 0 and "empty" in rows["erin"]["report"]
    for s in students:
        results = json.loads((root / "autograded" / s / ASSIGNMENT / "results.json").read_text())
        assert results["extra_data"]["max_score"] == course.full
        assert (root / "submitted" / s / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes() == submitted[s]
    assert sorted(p.name for p in (root / "submitted").iterdir()) == students


# -- 19: determinism ------------------------------------------------------------------
def test_grading_is_deterministic(baseline, course, tmp_path):
    results = [baseline] + [grade(course, correct(course), tmp_path, f"again{i}") for i in range(2)]
    dumps = []
    for i, r in enumerate(results):
        path = tmp_path / f"results{i}.json"
        report.write_json_atomic(path, report.gradescope(r))
        data = json.loads(path.read_text())
        assert data.pop("execution_time") >= 0
        dumps.append(data)
    assert dumps[0]["score"] == course.full
    assert dumps[1] == dumps[0] and dumps[2] == dumps[0]
