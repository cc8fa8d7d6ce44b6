"""Mutant and valid-alternative files (format: autograder/README.md)."""
from dataclasses import dataclass, field
from pathlib import Path

from .course import CourseError

KINDS = ("mutant", "valid")


@dataclass
class Variant:
    """One replacement for one graded answer cell."""

    path: Path
    grade_id: str
    kind: str
    description: str
    source: str
    caught_by: list = field(default_factory=list)

    @property
    def name(self):
        return self.path.stem


def parse(path):
    """Read one variant file; CourseError naming the file and the problem if malformed."""
    path = Path(path)
    text = path.read_text()
    header, body = {}, []
    lines = text.splitlines()
    i = 0
    while i < len(lines) and lines[i].startswith("#") and ":" in lines[i]:
        key, _, value = lines[i][1:].partition(":")
        header[key.strip().lower()] = value.strip()
        i += 1
    body = "\n".join(lines[i:]).strip("\n") + "\n"
    problems = []
    if not header.get("grade_id"):
        problems.append("no '# grade_id: <answer cell>' line")
    if header.get("kind") not in KINDS:
        problems.append(f"'# kind:' must be one of {KINDS}, got {header.get('kind')!r}")
    if header.get("kind") == "mutant" and not header.get("mistake"):
        problems.append("a mutant needs a '# mistake: ...' line")
    if not body.strip():
        problems.append("no code after the header")
    if problems:
        raise CourseError(f"{path}: " + "; ".join(problems) + " (format: autograder/README.md)")
    caught = [s.strip() for s in header.get("caught_by", "").split(",") if s.strip()]
    return Variant(path, header["grade_id"], header["kind"],
                   header.get("mistake") or header.get("description", ""), body, caught)


def load(folders):
    """All variants in ``folders`` (missing folders are skipped), sorted by file name."""
    out = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_dir():
            out += [parse(p) for p in sorted(folder.glob("*.py"))]
    return out
