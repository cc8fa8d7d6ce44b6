"""Late work: deadlines, the course's late policy and students' extensions (``course/course.toml``).

```toml
[[assignment]]
id = "hw1_numpy_backprop"
deadline = 2026-10-05T23:59:00-04:00   # ISO 8601 with its time zone (a TOML date-time or a string)

[late]
grace_minutes = 15        # submissions this close after the deadline are on time
penalty_per_day = 0.10    # fraction of the assignment's points taken per day late
count = "started"         # "started": every day begun counts whole; "exact": pro rata
cap = 0.5                 # never more than this fraction of the points

[late.extensions.hw1_numpy_backprop]
alice = "2026-10-08T23:59:00-04:00"   # her own deadline
bob = 2                                # or days added to the course's
```

:func:`rules` reads and checks it; :func:`assess` says what one submission loses and why.
``collect`` records each submission's time (:func:`record`, :func:`submission_time`).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .course import CourseError

POLICY_KEYS = {"grace_minutes", "penalty_per_day", "count", "cap", "extensions"}
COUNTS = ("started", "exact")
TIME_FILE = "timestamp.txt"        # nbgrader's name for a submission's time
SOURCE_FILE = "collected.json"     # what collect knew: the time's source, the LMS's late flag


@dataclass(frozen=True)
class Policy:
    grace_minutes: float = 0.0
    penalty_per_day: float = 0.0
    count: str = "started"
    cap: float = 1.0


@dataclass
class Rules:
    """The late rules of one course: ``deadlines`` and ``extensions`` per assignment."""

    policy: Policy = field(default_factory=Policy)
    deadlines: dict = field(default_factory=dict)     # assignment -> aware datetime
    extensions: dict = field(default_factory=dict)    # assignment -> {student: aware datetime}
    where: str = "course/course.toml"

    def deadline_for(self, assignment, student):
        return self.extensions.get(assignment, {}).get(student) or self.deadlines.get(assignment)


@dataclass(frozen=True)
class Assessment:
    """What one submission loses: ``points`` (0 when on time) and ``reason``, in words."""

    points: float
    fraction: float
    reason: str
    late: bool


def parse_time(value, what, where="course/course.toml"):
    """An aware datetime from a TOML date-time or an ISO 8601 string; CourseError otherwise."""
    fix = "write it in ISO 8601 with its time zone, e.g. 2026-10-05T23:59:00-04:00 (or ...Z for UTC)"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise CourseError(f"{where}: {what} = {value!r} is not a date and time: {fix}") from None
    else:
        raise CourseError(f"{where}: {what} = {value!r} is not a date and time: {fix}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CourseError(f"{where}: {what} = {value!s} has no time zone: {fix}")
    return moment


def rules(root) -> Rules:
    """The late rules of ``course/course.toml`` (none when the course has no manifest)."""
    from . import manifest

    try:
        path, data = manifest.read(root)
    except CourseError:
        if (Path(root) / "course" / "course.toml").exists():
            raise
        return Rules()
    where = str(path)
    out = Rules(where=where)
    ids = [e.get("id") for e in data.get("assignment", [])]
    for entry in data.get("assignment", []):
        if "deadline" in entry:
            out.deadlines[entry["id"]] = parse_time(entry["deadline"], f"assignment {entry['id']}: deadline", where)
    table = data.get("late", {})
    unknown = sorted(set(table) - POLICY_KEYS)
    if unknown:
        raise CourseError(f"{where}: [late] has unknown keys {', '.join(unknown)} "
                          f"(known: {', '.join(sorted(POLICY_KEYS))})")
    values = {k: table[k] for k in ("grace_minutes", "penalty_per_day", "count", "cap") if k in table}
    for key in ("grace_minutes", "penalty_per_day", "cap"):
        if key in values and (not isinstance(values[key], int | float) or values[key] < 0
                              or (key != "grace_minutes" and values[key] > 1)):
            bound = "a number of minutes >= 0" if key == "grace_minutes" else "a fraction between 0 and 1"
            raise CourseError(f"{where}: [late] {key} = {values[key]!r}: use {bound} (0.1 = 10 % of the points)")
    if values.get("count", "started") not in COUNTS:
        raise CourseError(f"{where}: [late] count = {values['count']!r}: use one of {', '.join(COUNTS)}")
    out.policy = Policy(**values)
    for aid, students in table.get("extensions", {}).items():
        if aid not in ids:
            raise CourseError(f"{where}: [late.extensions.{aid}]: {aid!r} is not an assignment of the "
                              f"manifest (known: {', '.join(map(str, ids))})")
        if not isinstance(students, dict):
            raise CourseError(f"{where}: [late.extensions.{aid}] must be a table: student = new deadline or days")
        for student, value in students.items():
            what = f"[late.extensions.{aid}] {student}"
            if isinstance(value, int | float) and not isinstance(value, bool):
                if aid not in out.deadlines:
                    raise CourseError(f"{where}: {what} = {value} adds days, but {aid} has no deadline: "
                                      "give the assignment a deadline, or the student a date")
                moment = out.deadlines[aid] + timedelta(days=value)
            else:
                moment = parse_time(value, what, where)
            out.extensions.setdefault(aid, {})[student] = moment
    return out


def check_students(r: Rules, assignment, known):
    """CourseError if an extension for ``assignment`` names a student not in ``known``."""
    unknown = sorted(set(r.extensions.get(assignment, {})) - set(known))
    if unknown:
        raise CourseError(f"{r.where}: [late.extensions.{assignment}] names {', '.join(unknown)}, not a "
                          f"student of this course (no submitted/<student>/ folder, not in the gradebook): "
                          f"fix the id (students: {', '.join(sorted(known)) or 'none yet'})")


def _span(delta):
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} d"] * bool(days) + [f"{hours} h"] * bool(hours)
    parts += [f"{mins} min"] * bool(mins or not parts)
    return " ".join(parts)


def _utc(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def assess(r: Rules, assignment, student, info, max_points) -> Assessment | None:
    """What the submission loses; None when the assignment has no deadline or the time is unknown.

    ``info``: :func:`submission_time`'s dict (``time``, ``source``, ``lms_late``);
    ``max_points``: the assignment's points (the penalty is a fraction of them).
    """
    deadline = r.deadline_for(assignment, student)
    if deadline is None or not info or not info.get("time"):
        return None
    when = datetime.fromisoformat(info["time"])
    own = student in r.extensions.get(assignment, {})
    due = f"{'extended ' if own else ''}deadline {_utc(deadline)}"
    src = f"from {info.get('source', 'unknown')}"
    grace = timedelta(minutes=r.policy.grace_minutes)
    late_by = when - deadline
    if late_by <= grace:
        reason = f"submitted {_utc(when)} ({src}), on time for the {due}"
        if late_by > timedelta(0):
            reason += f" (within the {r.policy.grace_minutes:g} min grace period)"
        if info.get("lms_late") and not own:
            reason += "; the LMS marked it late: check its time"
        return Assessment(0.0, 0.0, reason, False)
    days = late_by / timedelta(days=1)
    counted = math.ceil(days) if r.policy.count == "started" else days
    fraction = min(r.policy.cap, r.policy.penalty_per_day * counted)
    points = round(fraction * max_points, 4)
    unit = (f"{counted:g} day(s) started" if r.policy.count == "started" else f"{counted:.2f} day(s)")
    capped = " (the cap)" if fraction == r.policy.cap and r.policy.penalty_per_day * counted > r.policy.cap else ""
    reason = (f"submitted {_utc(when)} ({src}), {_span(late_by)} after the {due}"
              f"{f' (grace {r.policy.grace_minutes:g} min)' if r.policy.grace_minutes else ''}: "
              f"{unit} x {100 * r.policy.penalty_per_day:g} % = {100 * fraction:g} %{capped} "
              f"of {max_points:g} points, -{points:g} points")
    return Assessment(points, fraction, reason, True)


# -- the submission's time, as collect records it ------------------------------------------

def record(folder, moment, source, lms_late=False, original="", canvas_user_id=""):
    """Write ``timestamp.txt`` (nbgrader's file) and ``collected.json`` into the submission's folder."""
    from . import atomic

    folder = Path(folder)
    if moment is not None:
        atomic.write_text(folder / TIME_FILE, moment.isoformat() + "\n")
    else:
        (folder / TIME_FILE).unlink(missing_ok=True)
    atomic.write_json(folder / SOURCE_FILE, {"time": moment.isoformat() if moment else None,
                                             "source": source, "lms_late": bool(lms_late), "original": original,
                                             "canvas_user_id": canvas_user_id})


def submission_time(folder):
    """``{"time": ISO string or None, "source", "lms_late"}`` of a collected submission; {} if unknown."""
    folder = Path(folder)
    info = {}
    if (folder / SOURCE_FILE).is_file():
        try:
            info = json.loads((folder / SOURCE_FILE).read_text())
        except json.JSONDecodeError:
            info = {}
    if (folder / TIME_FILE).is_file() and not info.get("time"):
        try:
            moment = parse_time(folder.joinpath(TIME_FILE).read_text().strip(), "time", str(folder / TIME_FILE))
            info.update(time=moment.isoformat(), source=info.get("source") or TIME_FILE)
        except CourseError:
            pass
    return info


def parse_timestamp_text(text):
    """A time from an exchange's ``timestamp.txt`` (nbgrader writes ``2026-10-05 23:59:00.123456 UTC``
    or ISO 8601); naive times are taken as UTC. None if it cannot be read."""
    text = text.strip()
    for suffix in (" UTC", "Z"):
        if text.endswith(suffix):
            text = text[: -len(suffix)] + "+00:00"
    try:
        moment = datetime.fromisoformat(text.replace(" +00:00", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
