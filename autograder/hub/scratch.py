"""A throw-away course on a hub, for tests and the load benchmark: a temp course root (a copy
of the course's manifest, config, and chosen assignments), unique Unix groups and users with
random passwords, a hub on free ports. Everything is removed on exit (users, homes, groups)."""
import datetime as dt
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from ..course import course_root
from . import users
from .config import Settings
from .run import Hub


def make_course(dest, assignments, start, root=None):
    """Copy the course's files for ``assignments`` to ``dest``; ``[hub] start`` set to ``start``."""
    root = Path(root or course_root())
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "nbgrader_config.py", dest)
    (dest / "course").mkdir(exist_ok=True)
    toml = (root / "course" / "course.toml").read_text()
    toml = re.sub(r"\n\[hub\]\n(?:(?!\[).*\n)*", "\n", toml)      # the course's own calendar out
    toml = toml.replace("\n[[assignment]]", f'\n[hub]\nstart = "{start.isoformat()}"\n\n[[assignment]]', 1)
    (dest / "course" / "course.toml").write_text(toml)
    for aid in assignments:
        for kind in ("source", "release"):
            shutil.copytree(root / kind / aid, dest / kind / aid)
    return dest


class ScratchHub:
    """``with ScratchHub(students=3) as h:`` a running hub; ``h.passwords[name]``, ``h.hub.api``."""

    def __init__(self, students=3, instructors=1, assignments=("hw1_numpy_backprop",),
                 as_of=None, data=None, formgrader=True, tmp=None):
        self.tag = "h" + secrets.token_hex(3)
        self.tmp = Path(tempfile.mkdtemp(prefix=f"hub-{self.tag}-", dir=tmp))
        self.tmp.chmod(0o755)
        self.students = [f"{self.tag}s{i}" for i in range(students)]
        self.instructors = [f"{self.tag}i{i}" for i in range(instructors)]
        self.grader = f"{self.tag}g" if formgrader else None
        self.groups = (f"{self.tag}-students", f"{self.tag}-instructors")
        self.passwords = {}
        self.assignments = assignments
        self.as_of = as_of or dt.date.today()
        self.data = data
        self.hub = None

    def start(self):
        # the first assignment's week is due; the calendar starts 10 weeks before
        self.course = make_course(self.tmp / "course", self.assignments, self.as_of - dt.timedelta(weeks=10))
        for g in self.groups:
            users.ensure_group(g)
        for name, group in [*((s, self.groups[0]) for s in self.students),
                            *((i, self.groups[1]) for i in self.instructors),
                            *([(self.grader, self.groups[1])] if self.grader else [])]:
            self.passwords[name] = secrets.token_urlsafe(12)
            users.add_user(name, self.passwords[name], home=self.tmp / "homes" / name, groups=[group])
        self.settings = Settings(state=str(self.tmp / "state"), course_root=str(self.course),
                                 students_group=self.groups[0], instructors_group=self.groups[1],
                                 as_of=self.as_of.isoformat(), data=self.data, formgrader_user=self.grader)
        self.hub = Hub(self.settings).start()
        return self

    def close(self):
        try:
            if self.hub:
                self.hub.stop()
        finally:
            for name in self.passwords:
                users.remove_user(name)
            for g in self.groups:
                users.remove_group(g)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc):
        self.close()
