"""validate / release on the toy course in tests/fixtures (tiny notebooks; the cases that
grade them in kernels are marked slow)."""
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from paths import REPO_ROOT, TOY_COURSE

from autograder import cells as C
from autograder import mutants, slicing


def _cli(*args, course):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COURSE_ROOT": str(course)})


@pytest.mark.slow
def test_validate_passes_and_reports_each_variant(toy, tmp_path):
    out = tmp_path / "v.json"
    proc = _cli("validate", "toy", "--json", str(out), course=toy)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASSED" in proc.stdout and "2/2 mutants caught" in proc.stdout
    verdicts = {v["name"]: v for v in json.loads(out.read_text())["verdicts"]}
    assert verdicts["solution"]["ok"] and verdicts["blank"]["ok"]
    assert verdicts["blank"]["failing"] == ["test_double", "test_quadruple"]
    # a mutant stops at the first test that catches it
    assert verdicts["double_plus_one"]["failing"] == verdicts["double_plus_one"]["ran_tests"] == ["test_double"]
    # quadruple's mutant cannot affect test_double, so only test_quadruple is re-run
    assert verdicts["quadruple_triple"]["ran_tests"] == ["test_quadruple"]
    assert verdicts["double_loop"]["ok"] and verdicts["double_loop"]["failing"] == []


@pytest.mark.slow
def test_validate_fails_on_a_surviving_mutant_and_a_wrong_valid(toy, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "survivor.py").write_text(
        "# grade_id: double\n# kind: mutant\n# mistake: returns 2x as floats (not a mistake)\n"
        "# caught_by: test_double\n"
        "import numpy as np\n\ndef double(x):\n    return 2.0 * np.asarray(x, float)\n")
    (extra / "not_valid.py").write_text(
        "# grade_id: quadruple\n# kind: valid\n# description: wrong on purpose\n"
        "def quadruple(x):\n    return x\n")
    out = tmp_path / "v.json"
    proc = _cli("validate", "toy", "--mutants", str(extra), "--json", str(out), course=toy)
    assert proc.returncode == 1
    assert "survivor: survives" in proc.stdout
    assert "not_valid" in proc.stdout and "FAILED" in proc.stdout
    # the two valid alternatives (of different cells) were first graded together; that
    # notebook lost points, so each was graded alone and only the wrong one fails
    verdicts = {v["name"]: v for v in json.loads(out.read_text())["verdicts"]}
    assert verdicts["double_loop"]["ok"] and verdicts["double_loop"]["ran_tests"] == ["test_double", "test_quadruple"]
    assert not verdicts["not_valid"]["ok"] and verdicts["not_valid"]["failing"] == ["test_quadruple"]


def test_valid_alternatives_of_different_cells_share_one_run():
    def variant(name, gid):
        return mutants.Variant(Path(f"{name}.py"), gid, "valid", "", "")
    a, b, c = variant("a", "double"), variant("b", "double"), variant("c", "quadruple")
    assert mutants_grouped([a, b, c]) == [["a", "c"], ["b"]]


def mutants_grouped(variants):
    from autograder.validate import group_valid

    return [[v.name for v in g] for g in group_valid(variants)]


def test_bad_mutant_file_is_a_clear_error(toy, tmp_path):
    extra = tmp_path / "bad"
    extra.mkdir()
    (extra / "x.py").write_text("# kind: mutant\ndef f(): pass\n")
    proc = _cli("validate", "toy", "--mutants", str(extra), course=toy)
    assert proc.returncode == 2
    assert "x.py" in proc.stderr and "grade_id" in proc.stderr


def test_validate_of_an_unknown_assignment_exits_2_naming_the_known_ones(toy):
    proc = _cli("validate", "nope", course=toy)
    assert proc.returncode == 2 and "unknown assignment 'nope'" in proc.stderr and "toy" in proc.stderr


def test_release_regenerates_the_committed_release(toy):
    from autograder.release import in_sync, release

    assert in_sync("toy", toy)
    nb = json.loads((toy / "release" / "toy" / "toy.ipynb").read_text())
    sources = ["".join(c["source"]) for c in nb["cells"]]
    assert not any("BEGIN SOLUTION" in s or "HIDDEN" in s for s in sources)
    assert any("raise NotImplementedError()" in s for s in sources)
    src = toy / "source" / "toy" / "toy.ipynb"
    src.write_text(src.read_text().replace("Return 2 * x", "Return two times x"))
    assert not in_sync("toy", toy)
    release("toy", toy, echo=lambda *_: None)
    assert in_sync("toy", toy)
    assert not (toy / "gradebook.db").exists(), "release leaves no gradebook in the course"


def test_a_mutant_files_header_gives_its_cell_kind_mistake_and_catching_tests(tmp_path):
    p = tmp_path / "m.py"
    p.write_text("# grade_id: softmax\n# kind: mutant\n# mistake: wrong axis\n# caught_by: a, b\n"
                 "import numpy as np\n\ndef softmax(z):\n    return z\n")
    v = mutants.parse(p)
    assert (v.grade_id, v.kind, v.description, v.caught_by) == ("softmax", "mutant", "wrong axis", ["a", "b"])
    assert v.source.startswith("import numpy as np") and "# kind" not in v.source


def test_slicing_follows_names_not_imports():
    sources = ["import numpy as np", "def f(x):\n    return np.sum(x)", "def g(x):\n    return f(x) + 1",
               "y = g(2)", "assert f(1) == 1", "z = np.ones(3)"]
    assert slicing.affected(sources, 1) == [2, 3, 4]
    assert slicing.needed(sources, [4]) == [0, 1, 4]
    sources[1] = "import numpy as np\ndef f(x):\n    return np.sum(x)"
    assert 5 not in slicing.affected(sources, 1), "re-importing np must not taint every cell"


def test_free_names_follow_python_scoping_and_order():
    src = ("x = 1\ny = x + z\nfor i in range(3):\n    w = i\nprint(w)\nwith ctx() as c:\n    q = 2\n"
           "print(q, c)\nk += 1\ndef f(a):\n    t = a + g\n    return [u * t for u in h]\n")
    # read before any assignment (z, ctx, k), inside a function only its globals (g, h),
    # and a name a loop may not have assigned (w); never the loop variable i, x, q, c, t,
    # u, a, or builtins
    assert slicing.free_names(src) == {"z", "ctx", "k", "g", "h", "w"}


def test_free_names_follow_control_flow_into_loops_branches_and_try():
    src = ("for name, size in pairs:\n    model = make(size)\n    hist = fit(model, name)\n"
           "    if hist:\n        best = hist\n    print(best, last)\n    last = name\n"
           "print(model)\n"
           "if flag:\n    a = 1\nelse:\n    a = 2\n    b = 3\nprint(a, b)\n"
           "try:\n    r = risky()\nexcept KeyError as err:\n    print(err, r)\nfinally:\n    f = 1\nprint(f)\n"
           "while cond(f):\n    n = 1\nelse:\n    print(n)\n")
    # loop variables and what the body assigned before the read are not free (name, size,
    # model inside the loop); a branch or a previous iteration may not have assigned best,
    # last; after a loop its body's names are free (model); after an if, only what every
    # branch assigns (a, not b); a handler cannot rely on the try body (r); finally runs
    assert slicing.free_names(src) == {"pairs", "make", "fit", "best", "last", "model", "flag",
                                       "b", "risky", "r", "cond", "n"}


def test_test_cells_define_names_only_for_later_tests():
    # cells 2 and 4 are tests (run in the grader): 2's `x` is not the kernel's `x`
    sources = ["x = 1", "def f():\n    return 2", "x = f()\nassert x == 2", "y = x + 1",
               "assert y == 2 and x == 2"]
    assert slicing.affected(sources, 1, tests=[2, 4]) == [2, 4]
    assert slicing.needed(sources, [4], tests=[2, 4]) == [0, 1, 2, 3, 4]   # x from test 2
    assert slicing.needed(sources, [3], tests=[2, 4]) == [0, 3]


def test_blank_keeps_hidden_tests_and_stubs_answers():
    nb = C.read(TOY_COURSE / "source" / "toy" / "toy.ipynb")
    blank = C.blank(nb)
    answers = C.answer_cells(blank)
    assert all("raise NotImplementedError()" in blank.cells[i].source for i in answers.values())
    assert any("BEGIN HIDDEN TESTS" in c.source for _, c in C.test_cells(blank))


def test_a_worker_dies_with_the_command_that_started_it(tmp_path):
    # a killed `validate` or `grade` must not leave its workers (and their kernels) running
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import multiprocessing, os, time
        from autograder.procs import die_with_parent

        def child(armed):
            die_with_parent()
            armed.set()
            time.sleep(60)

        if __name__ == "__main__":
            ctx = multiprocessing.get_context("spawn")
            armed = ctx.Event()
            p = ctx.Process(target=child, args=(armed,))
            p.start()
            assert armed.wait(30)
            print(p.pid, flush=True)
            os._exit(0)          # like a SIGKILL: no clean-up of the pool
    """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                         cwd=REPO_ROOT)
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    assert not _alive(pid), "the worker outlived its parent"


def _alive(pid):
    try:
        with open(f"/proc/{pid}/status") as fh:
            return "State:\tZ" not in fh.read()      # a zombie has exited
    except FileNotFoundError:
        return False


def _toy_submissions(toy, folder, answers):
    """Notebooks of the toy assignment, one per ``{name: source of double}``; their paths."""
    from autograder.validate import submission_for

    source = C.read(toy / "source" / "toy" / "toy.ipynb")
    release = C.read(toy / "release" / "toy" / "toy.ipynb")
    paths = []
    for name, code in answers.items():
        paths.append(folder / f"{name}.ipynb")
        nbformat.write(submission_for(source, release, {"double": code}), str(paths[-1]))
    return paths


@pytest.fixture
def toy_grader(toy, new_sandbox_uid):
    """The toy assignment's grader, its kernels under a sandbox uid of their own (as root)."""
    from autograder.grade_one import grader_for

    grader = grader_for("toy", toy, uid=new_sandbox_uid())
    yield grader
    grader.close()


@pytest.mark.slow
def test_a_reused_kernel_starts_each_notebook_clean(toy, toy_grader, tmp_path):
    # validate grades mutants in one kernel after another: nothing of one may reach the next
    correct = "def double(x):\n    return 2 * np.asarray(x)\n"
    leaves_traces = ("import os\nimport matplotlib.pyplot as plt\nleak = 41\n"
                     "open('left.txt', 'w').write('x')\nos.makedirs('sub', exist_ok=True)\n"
                     "os.chdir('sub')\nplt.figure()\n" + correct)
    checks_clean = ("import os, sys\nassert 'leak' not in globals(), 'a name survived'\n"
                    "assert not os.path.exists(os.path.join(os.environ['HOME'], 'left.txt')), 'a file survived'\n"
                    "assert os.getcwd() == os.environ['HOME'], 'the folder changed'\n"
                    "assert 'matplotlib.pyplot' in sys.modules, 'modules are kept'\n"
                    "assert not sys.modules['matplotlib.pyplot'].get_fignums(), 'a figure survived'\n"
                    + correct)
    paths = _toy_submissions(toy, tmp_path, {"first": leaves_traces, "second": checks_clean,
                                             "third": correct})
    first = toy_grader.grade(paths[0], reuse=True)
    assert first.score == first.max_score, first.summary()
    kept = toy_grader._warm.kernel
    assert kept is not None and kept.alive()
    process = kept.km   # a new kernel would mean a new manager
    second = toy_grader.grade(paths[1], reuse=True)
    assert second.score == second.max_score, (second.summary(), second.outputs)
    assert toy_grader._warm.kernel is kept and kept.km is process, "the kernel was not reused"
    # a grading without reuse (a student's submission) gets a new kernel; the kept one ends
    third = toy_grader.grade(paths[2])
    assert third.score == third.max_score, third.summary()
    assert toy_grader._warm is None and not kept.alive()


@pytest.mark.slow
def test_a_kernel_past_half_its_cpu_time_is_not_reused(toy, toy_grader, tmp_path):
    # the next mutant must not be "caught" by a kernel killed at its CPU-time limit
    from autograder.grading.sandbox import Limits

    correct = "def double(x):\n    return 2 * np.asarray(x)\n"
    burns = "import time\n_t = time.process_time()\nwhile time.process_time() - _t < 4:\n    pass\n"
    paths = _toy_submissions(toy, tmp_path, {"burns": burns + correct, "next": correct})
    toy_grader.limits = Limits(cpu_seconds=12)       # room for the start and 4 s of work
    first = toy_grader.grade(paths[0], reuse=True)
    assert first.score == first.max_score, first.summary()
    used = toy_grader._warm.kernel
    process = used.km
    used.sandbox.limits = Limits(cpu_seconds=6)   # as if its limit were 6 s: over half used
    second = toy_grader.grade(paths[1], reuse=True)
    assert second.score == second.max_score, second.summary()
    assert toy_grader._warm.kernel.km is not process, "a kernel past half its CPU time was reused"
