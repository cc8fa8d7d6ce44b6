"""What ``run_autograder`` runs for each submission: find the notebook, grade it, report.

Paths follow ``$AUTOGRADER_ROOT`` (default ``/autograder``): the submission is searched
in ``submission/`` (any file name, any depth), the hidden course is ``source/course``
(root-only), the data ``data/``, and the result goes to ``results/results.json``, which
is always written: a grading that cannot run gives score 0 and the reason.

It fails closed: before any student code runs, :func:`unprivileged_problem` checks that
the kernel gets a uid of its own that cannot read the hidden tests; if not, nothing is
graded, results.json says why (score 0) and the exit status is 3, which run_autograder
prints in the log. results.json follows Gradescope's documented format
(:func:`autograder.report.results`, the one writer).
"""
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .. import report
from ..config import GradingConfig
from ..grade_one import EXIT_FAILED, EXIT_OK, grade_one, max_score


def find_notebook(folder, assignment):
    """``(path, note)``: the notebook to grade in ``folder`` and why it was chosen.

    The expected name ``<assignment>.ipynb`` wins; otherwise the only notebook; otherwise
    the most recently modified one. Raises LookupError (a message for the student) if
    there is none.
    """
    folder = Path(folder)
    found = sorted((p for p in folder.rglob("*.ipynb")
                    if p.is_file() and ".ipynb_checkpoints" not in p.parts),
                   key=lambda p: (len(p.parts), str(p)))
    if not found:
        names = sorted(p.name for p in folder.rglob("*") if p.is_file())[:10] if folder.is_dir() else []
        raise LookupError(f"no .ipynb notebook in your submission (files: {', '.join(names) or 'none'}); "
                          f"submit {assignment}.ipynb")
    expected = [p for p in found if p.name == f"{assignment}.ipynb"]
    if expected:
        chosen, why = expected[0], "the expected name"
    elif len(found) == 1:
        chosen, why = found[0], f"the only notebook (expected name: {assignment}.ipynb)"
    else:
        chosen = max(found, key=lambda p: p.stat().st_mtime)
        why = f"the newest of {len(found)} notebooks, none named {assignment}.ipynb"
    rel = chosen.relative_to(folder)
    note = f"Graded {rel}: {why}." if len(found) > 1 or not expected else f"Graded {rel}."
    if len(found) > 1:
        note += " Also submitted: " + ", ".join(str(p.relative_to(folder)) for p in found if p != chosen) + "."
    return chosen, note


# The probe run as the kernel would be: its uid, and whether it can open the hidden tests.
_PROBE = ("import os, sys\nprint(os.getuid())\n"
          "try:\n    open(sys.argv[1], 'rb').close()\n    print('readable')\n"
          "except OSError:\n    print('unreadable')\n")
REBUILD = ("rebuild the autograder image so that setup.sh installs the venv with a Python every "
           "user can run (a system python3, or AUTOGRADER_PYTHON outside /root), or with "
           "bubblewrap working")


def unprivileged_problem(assignment, config, grading_root, hidden=None):
    """"" when the student's kernel will run under a uid of its own that cannot read the
    hidden tests; otherwise what is wrong and how to fix it (for the instructor).

    Asks the sandbox the grader will use (the same :func:`default_sandbox`, uid from the
    pool) whether it keeps a separate uid, then starts Python through it exactly as a
    kernel would be started (uid, cgroup, bubblewrap where they work) and asks it its uid
    and whether it can open the hidden source notebook.
    """
    import subprocess

    from ..course import source_notebook
    from ..grading.kernel_env import kernel_env
    from ..grading.sandbox import default_sandbox

    workdir = Path(tempfile.mkdtemp(prefix="probe-", dir=grading_root))
    try:
        sandbox = default_sandbox(workdir, config.course_root, grading_root, uid="pool", config=config)
        if sandbox.pool is None and sandbox.uid is None:
            why = sandbox.no_uid_reason or "no separate uid"
            fix = ("run run_autograder as root, as Gradescope does" if os.geteuid() != 0
                   else REBUILD)
            return f"the kernel would run as the grader's own user ({why}): {fix}"
        hidden = hidden or source_notebook(assignment, config.course_root)
        sandbox.open()
        try:
            argv = sandbox.wrap([sys.executable, "-c", _PROBE, str(hidden)])
            try:
                proc = subprocess.run(argv, env=kernel_env(workdir, 1, config), cwd=workdir,
                                      capture_output=True, text=True, timeout=120)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return f"uid {sandbox.uid} could not start {sys.executable} ({exc}): {REBUILD}"
            uid = sandbox.uid
        finally:
            sandbox.close()
        said = proc.stdout.split()
        if proc.returncode != 0 or len(said) != 2:
            err = report.first_line(proc.stderr or proc.stdout or f"exit status {proc.returncode}", 160)
            return f"uid {uid} cannot run {sys.executable} ({err}): {REBUILD}"
        if said[0] == "0":
            return f"the kernel's Python reports uid 0 (root): {REBUILD}"
        if said[1] == "readable":
            return (f"uid {said[0]} can read the hidden tests ({hidden}): run setup.sh, which "
                    "makes the autograder's source folder readable by root only")
        return ""
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    """Grade the submission under ``$AUTOGRADER_ROOT``; returns the grade-one exit code
    (3 when the grading could not happen, also when it was refused as unsafe)."""
    start = time.perf_counter()
    config = GradingConfig.from_env()
    root = config.gradescope_root
    results = root / "results" / "results.json"
    course = root / "source" / "course"
    # the hidden course and the bundled data are where setup.sh put them: never download
    config = config.with_(course_root=course, data=root / "data", offline=True)
    assignment = (root / "source" / "assignment.txt").read_text().strip()

    def not_graded(reason, code, header=()):
        print(f"NOT GRADED: {reason}")
        report.write_json_atomic(results, report.failure(
            reason, max_score(assignment, course), time.perf_counter() - start, header=header))
        return code

    try:
        notebook, note = find_notebook(root / "submission", assignment)
    except LookupError as exc:
        return not_graded(str(exc), EXIT_OK)
    print(note)
    # Readable path to the submission's scratch folder for the kernel's uid (0711), and
    # nothing else in it for that uid to list.
    grading_root = tempfile.mkdtemp(prefix="gradescope-")
    os.chmod(grading_root, 0o711)
    try:
        # Fail closed: never run a student's code as root, nor where it can read the tests.
        try:
            problem = unprivileged_problem(assignment, config, grading_root)
        except Exception as exc:  # noqa: BLE001 - an unsure answer is a no
            problem = (f"the sandbox could not be checked ({type(exc).__name__}: "
                       f"{report.first_line(str(exc), 120)})")
        if problem:
            print(f"REFUSED: {problem}")
            return not_graded("the grading image cannot run student code as an unprivileged "
                              f"user: {problem}. This is not a problem with your notebook: "
                              "tell your instructor.", EXIT_FAILED, [note])
        code = grade_one(notebook, assignment, out_dir=results.parent, grading_root=grading_root,
                         note=note, config=config)
    except Exception as exc:  # noqa: BLE001 - whatever happens, the student gets a report
        what = f"{type(exc).__name__}: {report.first_line(str(exc), 120)}"
        return not_graded(f"the autograder crashed ({what}); tell your instructor", EXIT_FAILED,
                          [note])
    finally:
        shutil.rmtree(grading_root, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
