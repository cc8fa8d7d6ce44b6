"""The hub's settings (one JSON file in its state folder) and the Jupyter / nbgrader
configuration it writes for students and instructors."""
import json
import os
import secrets
import socket
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import exchange

CODE_ROOT = Path(__file__).resolve().parents[2]          # the checkout this package runs from
VENV_BIN = Path(sys.executable).parent
CHP = CODE_ROOT / ".hub" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
CHP_VERSION = "5.3.0"                                    # `make hub-deps` installs this one
SETTINGS_VAR = "COURSE_HUB_SETTINGS"   # how the jupyterhub process finds the settings file


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Settings:
    state: str                          # root-only folder: database, secrets, configs, exchange
    course_root: str
    course_id: str = "dl-course"
    students_group: str = "dl-students"
    instructors_group: str = "dl-instructors"
    ip: str = "127.0.0.1"
    port: int = 0                       # 0: a free port
    as_of: str | None = None            # release assignments as of this date (default today)
    data: str | None = None             # HWLIB_DATA for students' kernels
    formgrader_user: str | None = None  # Unix user of the formgrader service (none: no service)
    memory_mb: int = 3072               # per student, server + kernels (a cgroup; 0: no limit)
    processes: int = 512                # per student, processes and threads
    chp: str = str(CHP)
    api_token: str = field(default_factory=lambda: secrets.token_hex(32))
    hub_port: int = 0
    proxy_api_port: int = 0
    formgrader_port: int = 0

    def __post_init__(self):
        for name in ("port", "hub_port", "proxy_api_port", "formgrader_port"):
            if not getattr(self, name):
                setattr(self, name, free_port())

    @property
    def private(self):
        """Root-only (0700): settings (the API token), the hub's database, secrets, logs."""
        return Path(self.state) / "private"

    @property
    def path(self):
        return self.private / "settings.json"

    @property
    def exchange(self):
        return Path(self.state) / "exchange"

    @property
    def url(self):
        return f"http://{'127.0.0.1' if self.ip in ('', '0.0.0.0') else self.ip}:{self.port}"

    def save(self):
        self.private.mkdir(parents=True, exist_ok=True)
        os.chmod(self.state, 0o755)
        os.chmod(self.private, 0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(asdict(self), fh, indent=1)
        return self.path

    @classmethod
    def load(cls, path):
        return cls(**json.loads(Path(path).read_text()))

    @classmethod
    def from_env(cls):
        """The settings of the hub this process belongs to (``jupyterhub_config.py``, the
        spawner and the hooks run inside the jupyterhub process :meth:`hub_env` started)."""
        return cls.load(os.environ[SETTINGS_VAR])

    def hub_env(self):
        """The jupyterhub process's environment: this one, with the settings file named and
        this venv's ``bin/`` first on PATH."""
        return dict(os.environ, **{SETTINGS_VAR: str(self.path),
                                   "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"})


def write_student_config(s):
    """``<state>/jupyter``: the config every student server reads (JUPYTER_CONFIG_PATH)."""
    d = Path(s.state) / "jupyter"
    (d / "labconfig").mkdir(parents=True, exist_ok=True)
    (d / "nbgrader_config.py").write_text("\n".join([
        '"""Students: the course exchange is yours alone (autograder/hub/exchange.py)."""',
        "import getpass, os",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {s.course_id!r}",
        f"c.Exchange.root = os.path.join({str(s.exchange / 'students')!r}, getpass.getuser())",
        *exchange.factory_config(exchange.STUDENT), ""]))
    (d / "jupyter_server_config.py").write_text("\n".join([
        "c = get_config()  # noqa: F821",
        "c.LabApp.news_url = None",
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'",
        "c.ServerApp.jpserver_extensions.update({'nbgrader.server_extensions.formgrader': False,",
        "                                        'nbgrader.server_extensions.course_list': False})",
        ""]))
    (d / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {
        "@jupyterlab/apputils-extension:announcements": True, "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:create-assignment": True, "@jupyter/nbgrader:course-list": True}}))
    for p in [d, *d.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    return d


def write_instructor_config(s):
    """``<state>/instructor``: nbgrader config for collect / release_feedback, run as root."""
    d = Path(s.state) / "instructor"
    d.mkdir(parents=True, exist_ok=True)
    os.chmod(d, 0o755)
    (d / "nbgrader_config.py").write_text("\n".join([
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {s.course_id!r}",
        f"c.Exchange.root = {str(s.exchange)!r}",
        *exchange.factory_config(exchange.INSTRUCTOR), ""]))
    os.chmod(d / "nbgrader_config.py", 0o644)
    return d
