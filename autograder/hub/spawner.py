"""The students' spawner: JupyterHub's LocalProcessSpawner, each server boxed (:mod:`.box`)."""
import os

from jupyterhub.spawner import LocalProcessSpawner

from . import box
from .config import Settings


class BoxedSpawner(LocalProcessSpawner):
    """Starts ``bwrap ... setpriv --reuid=<student> ... jupyterhub-singleuser`` as root:
    bubblewrap needs root to mount, setpriv drops to the student before the server runs."""

    def make_preexec_fn(self, name):
        return None

    async def start(self):
        s = Settings.load(os.environ["COURSE_HUB_SETTINGS"])
        self.cmd = box.student_argv(self.user.name, s, list(self.base_cmd))
        return await super().start()

    @property
    def base_cmd(self):
        from .config import VENV_BIN

        return [str(VENV_BIN / "jupyterhub-singleuser")]
