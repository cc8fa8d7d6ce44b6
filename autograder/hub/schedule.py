"""Which assignments are released by a date: ``[hub] start`` + ``week`` in ``course/course.toml``.

An assignment of week ``w`` is released on ``start + 7 (w - 1)`` days; an assignment's own
``release = "YYYY-MM-DD"`` overrides that. Without ``[hub] start`` every assignment counts as
released (a course that has not set a calendar).
"""
import datetime as dt
import tomllib
from pathlib import Path

from ..course import CourseError, course_root


def release_dates(root=None):
    """``{assignment id: date or None}`` in manifest order (None: no calendar)."""
    path = Path(root or course_root()) / "course" / "course.toml"
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"{path}: {exc}") from None
    start = data.get("hub", {}).get("start")
    if isinstance(start, str):
        start = dt.date.fromisoformat(start)
    out = {}
    for entry in data.get("assignment", []):
        own = entry.get("release")
        if isinstance(own, str):
            own = dt.date.fromisoformat(own)
        if own is None and start is not None:
            own = start + dt.timedelta(days=7 * (int(entry["week"]) - 1))
        out[entry["id"]] = own
    return out


def released(as_of=None, root=None):
    """Assignment ids released on or before ``as_of`` (a date; default today), in manifest order."""
    as_of = as_of or dt.date.today()
    return [aid for aid, day in release_dates(root).items() if day is None or day <= as_of]
