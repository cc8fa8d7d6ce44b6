"""Similarity between the submissions of one assignment, for the class report.

Only what students wrote is compared: the autograded answer cells, with the lines of the
release's stub (signature, docstring, ``# YOUR CODE HERE``, ``raise NotImplementedError()``)
removed; an answer left as the stub, or with nothing but comments and ``pass`` left, is
skipped, and a student with no answer left is not compared at all. Each student's answers,
in notebook order, form one document, fingerprinted by copydetect (PyPI; winnowing on the
Pygments token stream with every identifier replaced by one letter and every string by
another, so renamed variables, reformatting, comments and reordered functions do not
hide a copy: Schleimer, Wilkerson and Aiken, "Winnowing", SIGMOD 2003). The stub's own
fingerprints are boilerplate, never counted.

A pair's score is the larger of the two fractions of each student's fingerprinted code
that the other also has: a student who copied one long answer into an otherwise different
notebook is still found. Pairs are reported at ``score >= threshold`` with at least
``min_tokens`` characters of tokenised code in common (short answers such as
``np.maximum(z, 0)`` are the same for everyone and say nothing).
"""
from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import cells as C

THRESHOLD = 0.5      # the pair's score from which it is reported
MIN_TOKENS = 150     # characters of tokenised code in common, below which nothing is reported
NOISE_K = 25         # copydetect's noise threshold: k-grams shorter than this are ignored
GUARANTEE = 30       # copydetect's guarantee threshold: matches this long are always found

_EMPTY = re.compile(r"^\s*(#.*|pass|\.\.\.)?\s*$")


@dataclass
class Document:
    """One student's answers: the text compared and which cell each character came from."""

    student: str
    text: str = ""
    spans: list = field(default_factory=list)     # [(start, end, grade_id)]
    answers: dict = field(default_factory=dict)   # grade_id -> the student's code (stub removed)


def _norm(source):
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _without_docstrings(source):
    """``source`` without the lines of its module, class and function docstrings; None if
    it does not parse (then nothing is removed line by line: a half-removed string would
    swallow the code after it)."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    drop = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                drop.update(range(first.lineno, first.end_lineno + 1))
    return "\n".join(line for i, line in enumerate(source.splitlines(), 1) if i not in drop)


def strip_stub(source, stub):
    """``source`` without the stub's docstrings and its other lines (signature, ``# YOUR
    CODE HERE``, ``raise NotImplementedError()``: each removed once, compared without
    surrounding spaces); "" when nothing of the student's own is left."""
    if _norm(source) == _norm(stub):
        return ""
    code = _without_docstrings(source)
    if code is None:
        return source if not all(_EMPTY.match(line) for line in source.splitlines()) else ""
    left = {}
    for line in (_without_docstrings(stub) or stub).splitlines():
        if line.strip():
            left[line.strip()] = left.get(line.strip(), 0) + 1
    kept = []
    for line in code.splitlines():
        if left.get(line.strip(), 0) > 0:
            left[line.strip()] -= 1
            continue
        kept.append(line)
    if all(_EMPTY.match(line) for line in kept):
        return ""
    return "\n".join(kept).strip("\n") + "\n"


def documents(notebooks, release_nb):
    """``{student: Document}`` of the students with something of their own in an answer cell.

    ``notebooks``: ``{student: nbformat notebook}``; ``release_nb``: the release notebook
    (the stubs). Cells are matched by nbgrader ``grade_id``.
    """
    stubs = {C.grade_id(c): c.source for c in release_nb.cells if C.is_answer(c)}
    out = {}
    for student, nb in sorted(notebooks.items()):
        doc = Document(student)
        for cell in nb.cells:
            gid = C.grade_id(cell)
            if gid not in stubs or cell.cell_type != "code":
                continue
            own = strip_stub(cell.source, stubs[gid])
            if not own or gid in doc.answers:
                continue
            doc.answers[gid] = own
            start = len(doc.text)
            doc.text += own + "\n"
            doc.spans.append((start, len(doc.text), gid))
        if doc.answers:
            out[student] = doc
    return out


def _stable_hashes(string, k):
    """copydetect's ``hashed_kgrams`` with a hash that is the same in every run (it uses
    Python's ``hash()``, salted per process, so its scores changed by a few % between runs)."""
    import hashlib

    import numpy as np

    return np.array([int.from_bytes(hashlib.blake2b(string[i:i + k].encode(), digest_size=8).digest(),
                                    "little", signed=True) for i in range(len(string) - k + 1)], dtype=np.int64)


def _use_stable_hashes():
    import copydetect.utils

    copydetect.utils.hashed_kgrams = _stable_hashes


def _fingerprint(text, boilerplate=None):
    from copydetect import CodeFingerprint

    return CodeFingerprint("answers.py", NOISE_K, GUARANTEE - NOISE_K + 1, boilerplate=boilerplate,
                           language="python", fp=io.StringIO(text))


def _fragments(doc, slices):
    """``[{"cell", "code"}]``: the copied pieces of ``doc``, cut at cell boundaries and
    merged per cell, in the document's order."""
    out = []
    for start, end in zip(slices[0].tolist(), slices[1].tolist(), strict=True):
        for s, e, gid in doc.spans:
            lo, hi = max(int(start), s), min(int(end), e)
            piece = doc.text[lo:hi].strip("\n") if lo < hi else ""
            if not piece.strip():
                continue
            if out and out[-1]["cell"] == gid:
                out[-1]["code"] += "\n…\n" + piece
            else:
                out.append({"cell": gid, "code": piece})
    return out


def similar_pairs(notebooks, release_nb, threshold=THRESHOLD, min_tokens=MIN_TOKENS):
    """The pairs of students whose answers overlap, best first; with every pair's score.

    Returns ``(reported, scores)``: ``reported`` is a list of dicts ``{"students": [a, b],
    "score", "overlap_tokens", "cells": [...], "fragments": {a: [...], b: [...]}}`` of
    the pairs at or above ``threshold`` (and ``min_tokens``); ``scores`` maps every
    compared pair ``(a, b)`` to its score (for tests and tuning).
    """
    import numpy as np
    from copydetect import compare_files

    _use_stable_hashes()
    docs = documents(notebooks, release_nb)
    stubs = "\n".join(c.source for c in release_nb.cells if C.is_answer(c))
    from copydetect import CodeFingerprint

    boiler = np.array(sorted(CodeFingerprint("stub.py", NOISE_K, 1, language="python",
                                             fp=io.StringIO(stubs)).hashes))
    prints = {s: _fingerprint(d.text, boiler) for s, d in docs.items()}
    reported, scores = [], {}
    for a, b in itertools.combinations(sorted(docs), 2):
        fa, fb = prints[a], prints[b]
        if not fa.hashes or not fb.hashes:
            continue
        overlap, (sa, sb), (slices_a, slices_b) = compare_files(fa, fb)
        score = float(max(sa, sb))
        scores[(a, b)] = score
        if score < threshold or overlap < min_tokens:
            continue
        frag_a, frag_b = _fragments(docs[a], slices_a), _fragments(docs[b], slices_b)
        reported.append({
            "students": [a, b], "score": round(score, 3), "overlap_tokens": int(overlap),
            "cells": sorted({f["cell"] for f in frag_a} | {f["cell"] for f in frag_b},
                            key=lambda g: _order(docs, g)),
            "fragments": {a: frag_a, b: frag_b},
        })
    reported.sort(key=lambda p: (-p["score"], p["students"]))
    return reported, scores


def _order(docs, gid):
    for d in docs.values():
        for i, (_, _, g) in enumerate(d.spans):
            if g == gid:
                return i
    return 0


def for_class(assignment, root, threshold=THRESHOLD):
    """``similar_pairs`` of the submissions in ``submitted/*/<assignment>/`` against the
    release notebook (the stubs); ``{"threshold", "compared", "skipped", "pairs"}``."""
    from .course import release_notebook, source_notebook

    root = Path(root)
    release = release_notebook(assignment, root)
    release_nb = C.read(release) if release.is_file() else C.blank(C.read(source_notebook(assignment, root)))
    notebooks, unreadable = {}, []
    base = root / "submitted"
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        path = folder / assignment / f"{assignment}.ipynb"
        if path.is_file():
            try:
                notebooks[folder.name] = C.read(path)
            except Exception:  # noqa: BLE001 - a broken notebook is the grader's to report
                unreadable.append(folder.name)
    docs = documents(notebooks, release_nb)
    out = {"threshold": threshold, "min_tokens": MIN_TOKENS, "compared": sorted(docs),
           "skipped": sorted(set(notebooks) - set(docs)) + unreadable, "pairs": [], "error": ""}
    try:
        out["pairs"], _ = similar_pairs(notebooks, release_nb, threshold)
    except ImportError:
        out["error"] = ("not computed: copydetect is not installed; install the instructor extra "
                        "(make venv, or pip install -c requirements/lock.txt -e '.[instructor]')")
    return out
