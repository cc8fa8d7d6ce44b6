"""Run by the hub (as root) before it starts a user's server."""
import datetime as dt

from ..course import release_notebook
from . import layout, schedule
from .config import Settings


def release_due(s):
    """Copy to the exchange every assignment released by ``s.as_of`` (or today) and not yet there."""
    as_of = dt.date.fromisoformat(s.as_of) if s.as_of else None
    done = set(layout.released(s.exchange))
    new = []
    for aid in schedule.released(as_of, s.course_root):
        src = release_notebook(aid, s.course_root).parent
        if aid not in done and src.is_dir():
            layout.release(s.exchange, aid, src)
            new.append(aid)
    return new


def pre_spawn(spawner):
    """Release what is due, give the user their part of the exchange."""
    s = Settings.from_env()
    new = release_due(s)
    if new:
        spawner.log.info("released %s", ", ".join(new))
    if not layout.provision(s.exchange, s.course_id, spawner.user.name):
        spawner.log.warning("%s has no private group: no exchange folder", spawner.user.name)
