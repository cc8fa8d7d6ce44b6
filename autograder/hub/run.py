"""Prepare the state folder and start / stop the hub (``jupyterhub`` + its proxy)."""
import grp
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..course import CourseError
from ..grading.sandbox import bwrap_works
from . import hooks, layout
from .config import VENV_BIN, write_instructor_config, write_student_config

CONFIG_FILE = Path(__file__).with_name("jupyterhub_config.py")


def prepare(s):
    """Everything the hub needs on disk (the state folder, the exchange, the configs)."""
    if os.geteuid() != 0:
        raise CourseError("the hub starts every student's server under their own uid: run it as root")
    if not bwrap_works():
        raise CourseError("bubblewrap cannot run here (apt-get install bubblewrap): it is what keeps "
                          "each student's server to their own files")
    if not Path(s.chp).exists():
        raise CourseError(f"no configurable-http-proxy at {s.chp}: run `make hub-deps`")
    for g in (s.students_group, s.instructors_group):
        try:
            grp.getgrnam(g)
        except KeyError:
            raise CourseError(f"no Unix group {g!r}: create it (`python -m autograder hub adduser` "
                              "does, for its users)") from None
    s.save()
    layout.ensure_exchange(s.exchange)
    write_student_config(s)
    write_instructor_config(s)
    hooks.release_due(s)


class Hub:
    """A running hub; ``with Hub(settings) as hub:`` starts it and stops it (and its servers)."""

    def __init__(self, settings, log_path=None):
        self.s = settings
        self.log_path = Path(log_path or settings.private / "jupyterhub.log")
        self.proc = None

    def start(self, timeout=90):
        prepare(self.s)
        env = self.s.hub_env()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([str(VENV_BIN / "jupyterhub"), "-f", str(CONFIG_FILE)],
                                         cwd=self.s.private, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        stop = time.monotonic() + timeout
        while time.monotonic() < stop:
            if self.proc.poll() is not None:
                raise CourseError(f"jupyterhub exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                self.api("GET", "/")
                return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.stop()
        raise CourseError(f"the hub did not answer within {timeout} s:\n{self.tail()}")

    def api(self, method, path, body=None, timeout=30):
        """The hub's REST API (``/hub/api`` + path) with the course's token; parsed JSON or None."""
        req = urllib.request.Request(f"{self.s.url}/hub/api{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {self.s.api_token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
        return json.loads(data) if data else None

    def tail(self, n=4000):
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self, grace=30):
        """SIGTERM (the hub stops every server it started), then SIGKILL after ``grace`` s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
