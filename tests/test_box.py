"""The box courses really have (issue 22): Gradescope's default container gives the whole
autograder 768 MB and half a CPU, and 10 minutes. The assignment's zip is installed as on
Gradescope (reusing this venv) and ``run_autograder`` grades the solution (full marks) and
the blank release (0) inside a cgroup of the memory ``course.toml`` promises for it
(``box_memory_mb``) and 50 % of one CPU; the kernels' own groups nest inside it.

CI runs the assignments promised Gradescope's default box (768 MB); the bench measures the
peak of every assignment.
"""
import os
from functools import partial

import pytest

from autograder import manifest
from autograder.course import CourseError
from autograder.gradescope.build import build
from autograder.gradescope.rehearsal import installed, run_submission, solution
from autograder.grading.runner import PLATFORM_SECONDS
from autograder.report import max_score_of

pytestmark = [pytest.mark.slow, pytest.mark.needs_data]

CPUS = 0.5
SMALL_BOX = [a for a, e in manifest.load().items() if e.box_memory_mb <= 768]


def _box_or_skip():
    from benchmarks.box import BoxUnavailable, _groups

    try:
        dirs, *_ = _groups(f"box-probe-{os.getpid()}", 1 << 30, CPUS)
    except (BoxUnavailable, OSError) as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"no box here: {exc}")
        pytest.skip(f"no box here: {exc}")
    from autograder.grading.cgroup import kill_and_remove

    kill_and_remove(dirs)


@pytest.fixture(scope="module", params=SMALL_BOX)
def install(request, tmp_path_factory):
    _box_or_skip()
    try:    # the zip bundles the full data
        zip_path = build(request.param, tmp_path_factory.mktemp("zip"), echo=lambda *_: None)
    except CourseError as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(str(exc))
        pytest.skip(str(exc).splitlines()[0])
    with installed(zip_path) as (root, env):
        yield request.param, root, env


def test_the_default_box_holds_the_assignments_promised_it():
    assert {"hw1_numpy_backprop", "hw5_initialization"} <= set(SMALL_BOX)


@pytest.mark.parametrize("kind", ["solution", "blank"])
def test_graded_inside_gradescopes_default_box(install, kind):
    from autograder import cells as C
    from autograder.course import release_notebook

    assignment, root, env = install
    memory = manifest.load()[assignment].box_memory_mb
    notebook = solution(assignment) if kind == "solution" else C.read(release_notebook(assignment))
    from benchmarks.box import run_in_box

    data, seconds, box = run_submission(root, env, notebook,
                                        box=partial(run_in_box, memory_mb=memory, cpus=CPUS))
    print(f"{assignment} {kind}: peak {box.peak_mb:.0f} MB of {memory} MB, {box.seconds:.0f} s "
          f"at {CPUS:g} CPU ({box.layer}); score {data.get('score')}")
    assert box.oom_kills == 0, f"the OOM killer struck ({box.peak_mb:.0f} MB peak)\n{box.stdout[-2000:]}"
    assert data, f"no results.json\n{box.stdout[-2000:]}{box.stderr[-2000:]}"
    assert seconds < PLATFORM_SECONDS, f"{seconds:.0f} s: over Gradescope's 10 minutes"
    top = max_score_of(data)
    assert top > 0
    if kind == "solution":
        assert data["score"] == top, data["output"]
    else:
        assert data["score"] == 0, data["output"]
