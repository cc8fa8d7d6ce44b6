"""``gradescope <id>``: build ``<id>-gradescope.zip`` in Gradescope's autograder format.

Gradescope unpacks the zip into ``/autograder/source``. Its layout:

- ``setup.sh``, ``run_autograder``: at the top level, as Gradescope requires;
- ``lib/autograder``, ``lib/hwlib``: the grader and the helper library (the mutant bank
  is course material, ``course/mutants/``, and never shipped);
- ``course/``: what the grader reads: the manifest, ``nbgrader_config.py``,
  ``pyproject.toml``, the locks (``requirements/lock*.txt``: one per Python the image may
  have) and this one assignment's source notebook (with the hidden tests) and release
  notebook; nothing else of ``source/``;
- ``course/requirements/grading.txt``: what ``setup.sh`` installs: pyproject's runtime
  dependencies plus the extras of the assignment's ``stack`` (no torch for hw1);
- ``README.md``: for the instructor: the measured peak memory and time of grading the
  solution (the manifest's ``box_peak_mb`` / ``box_seconds``) and the Gradescope
  settings to choose;
- ``data/<dataset>/*.gz`` + ``data/MD5SUMS``: only the datasets the manifest lists for
  the assignment, md5-checked here and again by ``setup.sh``;
- ``assignment.txt``: the assignment id.

The zip is deterministic (sorted entries, fixed dates and modes) and written to a
temporary file that is renamed into place.
"""
import os
import tempfile
import zipfile
from pathlib import Path

from .. import manifest
from ..course import CourseError, course_root, release_notebook, source_notebook
from . import requirements
from .readme import zip_readme

HERE = Path(__file__).resolve().parent
SCRIPTS = ("setup.sh", "run_autograder")
LIBS = ("autograder", "hwlib")
LEFT_OUT = {"__pycache__", ".ipynb_checkpoints"}   # folder names never shipped
COURSE_FILES = ("nbgrader_config.py", "pyproject.toml", "requirements/lock.txt", "course/course.toml")
OTHER_LOCKS = "requirements/lock-py3.*.txt"   # the grading set for Pythons other than the lock's
DATE = (2020, 1, 1, 0, 0, 0)


def build(assignment, out_dir="gradescope", root=None, echo=print):
    """Write ``out_dir/<assignment>-gradescope.zip``; returns its path."""
    root = Path(root or course_root())
    entries = _entries(assignment, root)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{assignment}-gradescope.zip"
    fd, tmp = tempfile.mkstemp(prefix=f".{assignment}-", suffix=".zip", dir=out_dir)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            for arcname, path in sorted(entries.items()):
                _add(zf, arcname, path)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    size = target.stat().st_size
    echo(f"wrote {target} ({size / 1e6:.1f} MB, {len(entries)} files): upload it as the "
         "assignment's autograder on Gradescope (see course/INSTRUCTORS.md)")
    return target


def _entries(assignment, root):
    """``{name in the zip: file on disk, or its text}`` for ``assignment``."""
    src = source_notebook(assignment, root)
    rel = release_notebook(assignment, root)
    if not rel.is_file():
        raise CourseError(f"{rel} is missing: run `python -m autograder release {assignment}` first")
    entries = {name: HERE / name for name in SCRIPTS}
    entries["assignment.txt"] = assignment + "\n"
    for lib in LIBS:
        base = root / lib
        for path in base.rglob("*"):
            parts = path.relative_to(root).parts
            if path.is_file() and not LEFT_OUT.intersection(parts) and path.suffix != ".pyc":
                entries["lib/" + "/".join(parts)] = path
    for name in COURSE_FILES:
        if not (root / name).is_file():
            raise CourseError(f"{root / name} is missing: the Gradescope package needs it")
        entries[f"course/{name}"] = root / name
    for lock in sorted(root.glob(OTHER_LOCKS)):
        entries[f"course/{lock.relative_to(root).as_posix()}"] = lock
    entry = manifest.get(assignment, root)
    entries["course/requirements/grading.txt"] = requirements.grading_text(entry.stack, root)
    entries["README.md"] = zip_readme(entry)
    entries[f"course/source/{assignment}/{assignment}.ipynb"] = src
    entries[f"course/release/{assignment}/{assignment}.ipynb"] = rel
    entries.update(_data_entries(entry))
    return entries


def _data_entries(entry):
    """The datasets of the manifest ``entry`` (an Assignment), verified, plus ``data/MD5SUMS``."""
    from hwlib.datasets import DATASET_NAMES, DatasetChecksumError, DatasetNotFoundError, find_files

    names, assignment = entry.data, entry.id
    unknown = [n for n in names if n not in DATASET_NAMES]
    if unknown:
        raise CourseError(f"course/course.toml: {assignment} lists unknown datasets {unknown}; "
                          f"known: {', '.join(DATASET_NAMES)}")
    out, sums = {}, []
    for name in names:
        try:
            files = find_files(name)
        except (DatasetNotFoundError, DatasetChecksumError) as exc:
            raise CourseError(f"the Gradescope package bundles {name}, and it cannot be used:\n{exc}") from None
        for file in files:
            out[f"data/{file.relpath}"] = file.path
            sums.append(f"{file.md5}  {file.relpath}\n")
    out["data/MD5SUMS"] = "".join(sorted(sums))
    return out


def _add(zf, arcname, path):
    info = zipfile.ZipInfo(arcname, date_time=DATE)
    executable = arcname in SCRIPTS
    info.external_attr = ((0o100755 if executable else 0o100644) & 0xFFFF) << 16
    if isinstance(path, str):          # text made here (assignment.txt, MD5SUMS)
        data = path.encode()
    else:
        data = Path(path).read_bytes()
    # the .gz data does not compress further: store it
    info.compress_type = zipfile.ZIP_STORED if arcname.endswith(".gz") else zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
