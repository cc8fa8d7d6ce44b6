"""Named mistakes: a stable identifier for every mistake the tests recognise, with its text.

One registry per assignment, ``hwlib/mistakes/<assignment>.toml``: a flat table of
``"<prefix>.<name>" = "what the student did, in their words"``, where ``<prefix>`` is the
assignment id up to its first underscore (``hw1`` for ``hw1_numpy_backprop``). Only texts
live here (they are shown to students in feedback anyway), never a test's expected values.
Tests pass identifiers to :mod:`hwlib.testing` (``mistakes={"hw1.softmax_wrong_axis": wrong}``,
``assert_true(ok, mistake="hw1.relu_in_place")``); a failure then carries the id as
``CheckFailure.mistake`` and the grader records it.
"""
import functools
import re
from pathlib import Path

try:
    import tomllib  # novermin
except ModuleNotFoundError:  # Python 3.10: the tomli backport (requirements/lock-py3.10.txt)
    import tomli as tomllib

FOLDER = Path(__file__).parent
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*\.[a-z0-9_]+$")


class UnknownMistake(KeyError):
    """An identifier that no registry defines (a typo in a test, or a missing TOML entry)."""

    def __str__(self):
        return str(self.args[0])


def is_id(text):
    """True if ``text`` is shaped like a mistake id (``hw1.softmax_wrong_axis``), not prose."""
    return isinstance(text, str) and bool(ID_PATTERN.match(text))


def prefix(assignment):
    """The id prefix of an assignment: ``hw1_numpy_backprop`` -> ``hw1``."""
    return assignment.split("_", 1)[0]


@functools.lru_cache(maxsize=None)
def load(assignment):
    """``{id: text}`` of one assignment's registry (``{}`` if it has none).

    Raises ValueError, naming the file, when an id is malformed or has another prefix.
    """
    path = FOLDER / f"{assignment}.toml"
    if not path.is_file():
        return {}
    with open(path, "rb") as fh:
        table = tomllib.load(fh)
    want = prefix(assignment) + "."
    for key, text in table.items():
        if not is_id(key) or not key.startswith(want):
            raise ValueError(f"{path}: {key!r} is not a mistake id for {assignment}: ids look "
                             f"like {want}snake_case_name")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{path}: {key!r} needs a non-empty text (a TOML string)")
    return dict(table)


def assignments():
    """The assignments that have a registry, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.toml"))


def registry():
    """Every registered ``{id: text}`` of every assignment."""
    out = {}
    for aid in assignments():
        out.update(load(aid))
    return out


def text(mistake_id):
    """The text of a registered mistake; :class:`UnknownMistake` says where to add it."""
    table = registry()
    if mistake_id not in table:
        owner = next((a for a in assignments() if prefix(a) == mistake_id.split(".", 1)[0]), None)
        where = f"hwlib/mistakes/{owner}.toml" if owner else "hwlib/mistakes/<assignment>.toml"
        raise UnknownMistake(f"unknown mistake id {mistake_id!r}: add it to {where} "
                             f"(\"{mistake_id}\" = \"what the student did\")")
    return table[mistake_id]
