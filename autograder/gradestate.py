"""What ``grade`` remembers of each grade, so a second run grades only what changed.

``autograded/<student>/<assignment>/grade-state.json`` is written last, after the
feedback notebook, ``results.json`` and the gradebook: a grade interrupted before it has
no state and is graded again. Its ``key`` is a SHA-256 of everything the grade depends
on: the submission's files, the source notebook (the tests), the data subset, and the
late-policy inputs (deadline or extension, policy, submission time). The rest is what the
summary table and ``reports/<id>.csv`` show without re-reading the grade.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import atomic

STATE = "grade-state.json"


def key(submission_dir, source_path, extra=()):
    """The content hash of one submission's grade inputs (see the module's docstring)."""
    h = hashlib.sha256()
    folder = Path(submission_dir)
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    for p in files:
        if p.name.startswith(".") and p.name.endswith(".part"):
            continue
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    h.update(b"source\0" + hashlib.sha256(Path(source_path).read_bytes()).digest())
    h.update(json.dumps(list(extra), sort_keys=True, default=str).encode())
    return h.hexdigest()


def path(root, assignment, student):
    return Path(root) / "autograded" / student / assignment / STATE


def load(root, assignment, student):
    """The stored state, or None (never graded, or written by an older grader)."""
    p = path(root, assignment, student)
    try:
        return json.loads(p.read_text())
    except (OSError, json.JSONDecodeError):
        return None


def is_current(root, assignment, student, digest):
    state = load(root, assignment, student)
    return bool(state) and state.get("key") == digest


def save(root, assignment, result, digest, penalty=0.0):
    """Record a finished grade (atomically; after everything else of it is written)."""
    atomic.write_json(path(root, assignment, result.student), {
        "key": digest,
        "raw_score": result.score,
        "late_penalty": penalty,
        "score": max(0.0, result.score - penalty),
        "max_score": result.max_score,
        "tests": {t.grade_id: t.score for t in result.tests},
        "flagged": bool(result.flags),
        "summary": result.summary(),
    }, mode=0o600)
