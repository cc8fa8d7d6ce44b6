"""What ``run_autograder`` runs for each submission: find the notebook, grade it, report.

Paths follow ``$AUTOGRADER_ROOT`` (default ``/autograder``): the submission is searched
in ``submission/`` (any file name, any depth), the hidden course is ``source/course``
(root-only), the data ``data/``, and the result goes to ``results/results.json``, which
is always written: a grading that cannot run gives score 0 and the reason.
"""
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .. import report
from ..grade_one import failure_results, grade_one


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


def main():
    """Grade the submission under ``$AUTOGRADER_ROOT``; returns the grade-one exit code."""
    start = time.perf_counter()
    root = Path(os.environ.get("AUTOGRADER_ROOT") or "/autograder")
    results = root / "results" / "results.json"
    os.environ["COURSE_ROOT"] = str(root / "source" / "course")
    os.environ["HWLIB_DATA"] = str(root / "data")
    os.environ.setdefault("HWLIB_OFFLINE", "1")      # the data is bundled: never download
    assignment = (root / "source" / "assignment.txt").read_text().strip()
    try:
        notebook, note = find_notebook(root / "submission", assignment)
    except LookupError as exc:
        print(f"NOT GRADED: {exc}")
        report.write_json_atomic(results, failure_results(str(exc)))
        return 0
    print(note)
    # Readable path to the submission's scratch folder for the kernel's uid (0711), and
    # nothing else in it for that uid to list.
    grading_root = tempfile.mkdtemp(prefix="gradescope-")
    os.chmod(grading_root, 0o711)
    try:
        code = grade_one(notebook, assignment, out_dir=results.parent, grading_root=grading_root)
    except Exception as exc:  # noqa: BLE001 - whatever happens, the student gets a report
        what = f"{type(exc).__name__}: {report.first_line(str(exc), 120)}"
        reason = f"the autograder crashed ({what}); tell your instructor"
        print(f"NOT GRADED: {reason}")
        report.write_json_atomic(results, failure_results(reason, seconds=time.perf_counter() - start))
        return 3
    finally:
        shutil.rmtree(grading_root, ignore_errors=True)
    _prepend_note(results, note)
    return code


def _prepend_note(results, note):
    import json

    data = json.loads(results.read_text())
    data["output"] = f"{note}\n{data.get('output', '')}"
    report.write_json_atomic(results, data)


if __name__ == "__main__":
    sys.exit(main())
