"""Mutant and valid-alternative files (format: autograder/README.md).

The bank of an assignment is ``course/mutants/<id>/`` (:func:`bank`): course material, not
part of the package, so neither the wheel nor the Gradescope zip nor a student's box has it.

A file states a replacement for one graded answer cell in one of two forms:

- the *full* form: everything after the header is the cell's new source;
- the *change* form: ``# replace:`` / ``# with:`` blocks, each a piece of the current
  solution cell and what it becomes (:func:`resolve` applies them; a piece that is no
  longer found exactly once makes the file stale, and says so).
"""
import ast
from dataclasses import dataclass, field
from pathlib import Path

from .course import CourseError

KINDS = ("mutant", "valid")
REPLACE, WITH = "# replace:", "# with:"
BANK = Path("course") / "mutants"


def bank(assignment, root):
    """The folder of ``assignment``'s mutants and valid alternatives in the course ``root``."""
    return Path(root) / BANK / assignment


@dataclass
class Variant:
    """One replacement for one graded answer cell."""

    path: Path
    grade_id: str
    kind: str
    description: str
    source: str
    caught_by: list = field(default_factory=list)
    changes: list = field(default_factory=list)   # [(old text, new text)]: the change form
    names_mistake: str = ""                       # the mistake (id or text) the catch must name

    @property
    def name(self):
        return self.path.stem


def parse(path):
    """Read one variant file; CourseError naming the file and the problem if malformed.

    A change-form file's ``source`` stays empty until :func:`resolve` applies it.
    """
    path = Path(path)
    lines = path.read_text().splitlines()
    header, i = {}, 0
    while (i < len(lines) and lines[i].startswith("#") and ":" in lines[i]
           and lines[i].strip() not in (REPLACE, WITH)):
        key, _, value = lines[i][1:].partition(":")
        header[key.strip().lower()] = value.strip()
        i += 1
    problems = []
    changes = _changes(lines[i:], problems)
    body = "" if changes else "\n".join(lines[i:]).strip("\n") + "\n"
    caught = [s.strip() for s in header.get("caught_by", "").split(",") if s.strip()]
    if not header.get("grade_id"):
        problems.append("no '# grade_id: <answer cell>' line")
    if header.get("kind") not in KINDS:
        problems.append(f"'# kind:' must be one of {KINDS}, got {header.get('kind')!r}")
    if header.get("kind") == "mutant" and not header.get("mistake"):
        problems.append("a mutant needs a '# mistake: ...' line")
    if header.get("kind") == "mutant" and not caught:
        problems.append("a mutant needs a '# caught_by: <test cell>[, ...]' line")
    if not changes and not body.strip():
        problems.append("no code after the header")
    if problems:
        raise CourseError(f"{path}: " + "; ".join(problems) + " (format: autograder/README.md)")
    return Variant(path, header["grade_id"], header["kind"],
                   header.get("mistake") or header.get("description", ""), body, caught,
                   changes, header.get("names_mistake", ""))


def _changes(lines, problems):
    """The ``(old, new)`` pairs of a change-form body; [] for a full-form body."""
    if not any(line.strip() == REPLACE for line in lines):
        if any(line.strip() == WITH for line in lines):
            problems.append(f"'{WITH}' without a '{REPLACE}' block before it")
        return []
    blocks, current = [], None     # blocks: [marker, [lines]]
    for line in lines:
        if line.strip() in (REPLACE, WITH):
            current = [line.strip(), []]
            blocks.append(current)
        elif current is None:
            if line.strip():
                problems.append(f"code before the first '{REPLACE}' block: {line.strip()!r}")
        else:
            current[1].append(line)
    pairs = []
    for k in range(0, len(blocks), 2):
        old, new = blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None
        if old[0] != REPLACE or new is None or new[0] != WITH:
            problems.append(f"blocks must come in pairs: '{REPLACE}' then '{WITH}'")
            return []
        old_text, new_text = _text(old[1]), _text(new[1])
        if not old_text.strip():
            problems.append(f"an empty '{REPLACE}' block")
            return []
        pairs.append((old_text, new_text))
    return pairs


def _text(lines):
    """A block's text: its lines without the blank lines around them."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines)


def apply_changes(original, changes, path):
    """``original`` with every ``(old, new)`` applied; CourseError naming ``path`` if an
    ``old`` text is not in the cell, or is in it more than once."""
    source = original
    for old, new in changes:
        count = source.count(old)
        if count != 1:
            where = ("is not in the solution cell any more (did the solution change? update "
                     "the file)" if count == 0 else
                     f"is in the solution cell {count} times (add a neighbouring line to the "
                     f"'{REPLACE}' block so it names one place)")
            first = old.strip().splitlines()[0]
            raise CourseError(f"{path}: stale change: the text to replace (starting {first!r}) {where}")
        source = source.replace(old, new)
    return source


def resolve(variants, answers):
    """Give every change-form variant its full ``source``: its changes applied to
    ``answers[grade_id]`` (the solution cell). One CourseError lists every stale file."""
    problems = []
    for v in variants:
        if v.changes and v.grade_id in answers:
            try:
                v.source = apply_changes(answers[v.grade_id], v.changes, v.path)
            except CourseError as exc:
                problems.append(str(exc))
    if problems:
        raise CourseError("\n".join(problems))
    return variants


def top_level_names(source):
    """Names a cell's source defines at module level (functions, classes, assignments; not
    imports, which the set-up cells usually make too); empty if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            out.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return out


def load(folders):
    """All variants in ``folders`` (missing folders are skipped), sorted by file name.

    A change-form variant's ``source`` is empty until :func:`resolve` applies it.
    """
    out = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_dir():
            out += [parse(p) for p in sorted(folder.glob("*.py"))]
    return out
