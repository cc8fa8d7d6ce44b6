"""The hidden-test markers, read once from the nbgrader configuration the release uses.

nbgrader's ``ClearHiddenTests`` drops every line from one containing
``begin_test_delimeter`` to the next containing ``end_test_delimeter``. The feedback's
visible source and the traceback filter must cut at the same lines, so they all take the
markers from here, not from literals.
"""
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .course import CourseError, course_root

PLACEHOLDER = "# (hidden tests were run here)"


@dataclass(frozen=True)
class HiddenMarkers:
    """The two delimiters; a line *containing* one of them is a marker line (as in nbgrader)."""

    begin: str = "BEGIN HIDDEN TESTS"
    end: str = "END HIDDEN TESTS"

    def first_hidden_line(self, source):
        """The 1-based number of the first begin-marker line of ``source``, or None."""
        return next((i for i, line in enumerate(source.splitlines(), 1) if self.begin in line), None)

    def visible(self, source, placeholder=PLACEHOLDER):
        """``source`` without its hidden regions; each becomes one ``placeholder`` line."""
        keep, hidden = [], False
        for line in source.splitlines():
            if self.begin in line:
                hidden = True
                keep.append(placeholder)
            elif self.end in line:
                hidden = False
            elif not hidden:
                keep.append(line)
        return "\n".join(keep)


def hidden_markers(root=None):
    """The markers of the course at ``root`` (default: :func:`course_root`), cached per
    configuration file and its modification time."""
    config = Path(root or course_root()) / "nbgrader_config.py"
    try:
        stamp = os.stat(config).st_mtime_ns
    except FileNotFoundError:
        raise CourseError(f"{config} not found: the hidden-test markers are read from it") from None
    return _load(str(config.resolve()), stamp)


@lru_cache(maxsize=8)
def _load(config, _stamp):
    from traitlets.config.loader import PyFileConfigLoader

    folder, name = os.path.split(config)
    try:
        cfg = PyFileConfigLoader(name, path=folder).load_config()
    except Exception as exc:  # noqa: BLE001 - any error in the instructor's config file
        raise CourseError(f"{config} could not be read for the hidden-test markers: {exc}") from exc
    section = cfg.get("ClearHiddenTests", {})
    default = HiddenMarkers()
    begin = str(section.get("begin_test_delimeter", default.begin))
    end = str(section.get("end_test_delimeter", default.end))
    if not begin.strip() or not end.strip():
        raise CourseError(f"{config}: ClearHiddenTests.begin_test_delimeter and end_test_delimeter "
                          "must be non-empty (an empty marker would match every line)")
    return HiddenMarkers(begin, end)
