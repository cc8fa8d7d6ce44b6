"""What Python 3.10 lacks that the grader uses (Ubuntu 22.04's own Python is 3.10: a
Gradescope image built on it installs with ``python3``; see autograder/gradescope/setup.sh)."""
import enum
import sys

if sys.version_info >= (3, 11):
    import tomllib  # novermin
    from enum import StrEnum  # novermin
else:  # pragma: no cover - exercised only on 3.10 (requirements/lock-py3.10.txt)
    import tomli as tomllib  # noqa: F401 - re-exported

    class StrEnum(str, enum.Enum):
        """``enum.StrEnum`` of Python 3.11: members are their own string values."""

        def __str__(self):
            return str(self.value)

__all__ = ["StrEnum", "tomllib"]
