"""``collect``: import submissions as an LMS exports them, one notebook per student.

Accepted layouts (a folder or a ``.zip`` of it):
- ``<student>/<anything>.ipynb`` — one folder per student (if it holds several notebooks,
  the one named after the assignment);
- ``<student>.ipynb`` or ``<student>_<assignment>.ipynb`` — one file per student;
- Canvas: ``<lastfirst>[_LATE]_<userid>_<submissionid>_<file>.ipynb`` (its submission
  download; the user id is kept for ``export --format canvas``).
Anything that cannot be mapped to one student is reported and skipped; the batch never
stops. Each notebook is copied atomically to ``submitted/<student>/<assignment>/``, with
its submission time (for the late policy, :mod:`autograder.late`) in ``timestamp.txt`` and
where that time came from in ``collected.json``: an exchange's ``timestamp.txt`` beside the
notebook (or in the student's folder), else the zip entry's or the file's modification
time (the last resort; a zip's time is taken as UTC). Canvas's ``LATE`` flag is recorded too.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from . import atomic
from .course import CourseError, course_root, source_notebook
from .late import record

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

MAX_NOTEBOOK_BYTES = 100 << 20
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
CANVAS = re.compile(r"^(?P<student>[A-Za-z0-9.-]+?)(?P<late>_late)?_(?P<user>\d+)_(?P<submission>\d+)_.+$",
                    re.IGNORECASE)


@dataclass
class CollectReport:
    imported: dict = field(default_factory=dict)   # student -> original name
    skipped: list = field(default_factory=list)    # (name, reason)
    times: dict = field(default_factory=dict)      # student -> where its submission time came from

    def lines(self):
        out = [f"imported {len(self.imported)} submission(s)"]
        out += [f"  {s} <- {name} (time: {self.times.get(s, 'unknown')})" for s, name in sorted(self.imported.items())]
        out += [f"skipped {name}: {why}" for name, why in self.skipped]
        return out


def student_id_for(path, assignment):
    """The student id a member path maps to, or None. ``path`` is a PurePosixPath."""
    parts = [p for p in path.parts if p not in ("", ".")]
    if len(parts) >= 2:                      # <student>/<...>.ipynb
        candidate = parts[-2]
    else:
        stem = PurePosixPath(parts[-1]).stem
        m = CANVAS.match(stem)
        if m:
            candidate = m.group("student")
        else:
            candidate = re.sub(rf"[_-]?{re.escape(assignment)}$", "", stem)
    return candidate if STUDENT_ID.match(candidate or "") else None


class _Member(tuple):
    """``(posix path, read-bytes function, size)`` plus the member's modification ``time``."""

    time = None
    time_source = ""


def _member(path, read, size, moment, source):
    m = _Member((path, read, size))
    m.time, m.time_source = moment, source
    return m


def _members(src):
    """``[(posix path, read-bytes function, size)]`` of the files in a folder or zip; each
    also has ``.time`` (aware datetime) and ``.time_source``."""
    from datetime import datetime, timezone

    src = Path(src)
    if src.is_dir():
        return [_member(PurePosixPath(p.relative_to(src).as_posix()), p.read_bytes, p.stat().st_size,
                        datetime.fromtimestamp(p.stat().st_mtime, timezone.utc), "the file's modification time")
                for p in sorted(src.rglob("*")) if p.is_file()]
    if zipfile.is_zipfile(src):
        zf = zipfile.ZipFile(src)
        out = []
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = PurePosixPath(info.filename)
            out.append(_member(name, (lambda i=info: zf.read(i)), info.file_size,
                               datetime(*info.date_time, tzinfo=timezone.utc),
                               "the zip entry's modification time (taken as UTC)"))
        return out
    raise CourseError(f"{src} is neither a folder nor a zip file")


def _strip_common_folder(members):
    """Drop a folder that wraps every notebook (``export/alice.ipynb``, ``export/bob.ipynb``)."""
    notebooks = [p for p, _, _ in members if p.suffix == ".ipynb"]
    if len(notebooks) < 2:
        return members
    first = notebooks[0].parts[0]
    if all(len(p.parts) > 1 and p.parts[0] == first for p in notebooks):
        return _strip_common_folder([_member(PurePosixPath(*m[0].parts[1:]) if len(m[0].parts) > 1 else m[0],
                                             m[1], m[2], getattr(m, "time", None), getattr(m, "time_source", ""))
                                     for m in members])
    return members


def _submission_time(path, member, timestamps):
    """``(aware datetime, where it came from)`` of one notebook; see the module's docstring."""
    from .late import parse_timestamp_text

    folders = [path.parent] + ([path.parent.parent] if len(path.parts) > 2 else [])
    for folder in folders:
        read = timestamps.get(folder / "timestamp.txt")
        if read is not None:
            try:
                moment = parse_timestamp_text(read().decode("utf-8", "replace"))
            except Exception:  # noqa: BLE001 - an unreadable file is only a missing time
                moment = None
            if moment is not None:
                return moment, f"the export's {folder / 'timestamp.txt'}"
    return getattr(member, "time", None), getattr(member, "time_source", "") or "unknown"


def collect(src: str | os.PathLike[str], assignment: str, root: str | os.PathLike[str] | None = None,
            echo: Callable[[str], object] = print) -> CollectReport:
    """Import every notebook in ``src``; returns a :class:`CollectReport`."""
    root = Path(root or course_root())
    source_notebook(assignment, root)  # unknown assignment: a clear error before anything
    report, chosen = CollectReport(), {}
    members = _strip_common_folder(_members(src))
    timestamps = {m[0]: m[1] for m in members if m[0].name == "timestamp.txt"}
    for member in members:
        path, read, size = member[0], member[1], member[2]
        name = str(path)
        if any(p.startswith(".") or p == "__MACOSX" for p in path.parts):
            continue
        if path.name == "timestamp.txt":
            continue
        if path.suffix != ".ipynb":
            report.skipped.append((name, "not a notebook (.ipynb)"))
            continue
        if ".." in path.parts or path.is_absolute():
            report.skipped.append((name, "unsafe path"))
            continue
        student = student_id_for(path, assignment)
        if student is None:
            report.skipped.append((name, "cannot tell which student it belongs to "
                                   "(expected <student>/<file>.ipynb or <student>_<assignment>.ipynb)"))
            continue
        if size > MAX_NOTEBOOK_BYTES:
            report.skipped.append((name, f"larger than {MAX_NOTEBOOK_BYTES >> 20} MB"))
            continue
        previous = chosen.get(student)
        if previous is not None:
            keep_new = assignment in path.name and assignment not in previous[0].name
            if not keep_new:
                report.skipped.append((name, f"a second notebook for {student} (kept {previous[0]})"))
                continue
            report.skipped.append((str(previous[0]), f"a second notebook for {student} (kept {name})"))
        chosen[student] = (path, read, member)
    for student, (path, read, member) in sorted(chosen.items()):
        try:
            data = read()
            dest = root / "submitted" / student / assignment / f"{assignment}.ipynb"
            atomic.write_bytes(dest, data)
            moment, source = _submission_time(path, member, timestamps)
            canvas = CANVAS.match(PurePosixPath(path.name).stem) if len(path.parts) == 1 else None
            record(dest.parent, moment, source, lms_late=bool(canvas and canvas.group("late")),
                   original=str(path), canvas_user_id=canvas.group("user") if canvas else "")
            report.times[student] = source
            report.imported[student] = str(path)
        except Exception as exc:  # noqa: BLE001 - one bad member never stops the batch
            report.skipped.append((str(path), f"could not be read ({exc})"))
    for line in report.lines():
        echo(line)
    return report
