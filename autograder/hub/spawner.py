"""The students' spawner: JupyterHub's LocalProcessSpawner, each server boxed (:mod:`.box`)
and, where the machine offers cgroups, held with its kernels to one memory and process limit."""
import secrets

from jupyterhub.spawner import LocalProcessSpawner

from ..config import GradingConfig
from ..grading import cgroup
from . import box
from .config import VENV_BIN, Settings


class BoxedSpawner(LocalProcessSpawner):
    """Starts ``[cgroup-enter] bwrap ... setpriv --reuid=<student> ... jupyterhub-singleuser`` as
    root: bubblewrap needs root to mount, setpriv drops to the student before the server runs."""

    _group = None

    def make_preexec_fn(self, name):
        return None

    async def start(self):
        s = Settings.from_env()
        argv = box.student_argv(self.user.name, s, [str(VENV_BIN / "jupyterhub-singleuser")])
        self._group = None
        choice = cgroup.detect(GradingConfig.from_env())
        if s.memory_mb and choice.kind != "none":
            try:
                self._group = cgroup.Group(choice, s.memory_mb << 20, s.processes,
                                           name=f"hub-{self.user.name}-{secrets.token_hex(3)}").create()
                argv = self._group.wrap(argv)
            except OSError as exc:
                self.log.warning("%s: no cgroup (%s): memory not limited", self.user.name, exc)
                self._group = None
        else:
            self.log.warning("%s: no cgroup (%s): memory not limited", self.user.name, choice.reason or choice.kind)
        if self._group is not None:
            self.log.info("%s: boxed, cgroup %s: %d MB, %d processes", self.user.name, self._group.kind,
                          s.memory_mb, s.processes)
        self.cmd = argv
        return await super().start()

    async def stop(self, now=False):
        try:
            await super().stop(now=now)
        finally:
            if self._group is not None:
                self._group.destroy()
                self._group = None
