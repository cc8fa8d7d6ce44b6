"""Unix users and groups for the hub: one account per student, created and removed by root.

A student's home is ``0700`` and their primary group is their own (``useradd -U``), which
the exchange uses to give each student, and no one else, their part of it.
"""
import grp
import os
import pwd
import signal
import subprocess
import time
from pathlib import Path


def _run(*cmd, stdin=None):
    subprocess.run(cmd, input=stdin, text=True, check=True, capture_output=True)


def ensure_group(name):
    """Create the group ``name`` if it does not exist; its gid."""
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        _run("groupadd", name)
        return grp.getgrnam(name).gr_gid


def add_user(name, password, home=None, groups=()):
    """A login account: private group, ``0700`` home, ``password`` set; returns its pwd entry."""
    cmd = ["useradd", "--create-home", "--user-group", "--shell", "/bin/bash"]
    if home:
        Path(home).parent.mkdir(parents=True, exist_ok=True)
        cmd += ["--home-dir", str(home)]
    if groups:
        cmd += ["--groups", ",".join(groups)]
    _run(*cmd, name)
    _run("chpasswd", stdin=f"{name}:{password}\n")
    entry = pwd.getpwnam(name)
    os.chmod(entry.pw_dir, 0o700)
    return entry


def private_gid(name):
    """The gid of ``name``'s own group (named after them, with no other member), else None."""
    try:
        entry, group = pwd.getpwnam(name), grp.getgrnam(name)
    except KeyError:
        return None
    ok = group.gr_gid == entry.pw_gid and set(group.gr_mem) <= {name}
    return group.gr_gid if ok else None


def pids_of(uid):
    """Process ids running as ``uid`` (real uid)."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if d.stat().st_uid == uid:
                    out.append(int(d.name))
            except OSError:
                pass
    return out


def remove_user(name, grace=5.0):
    """Stop the user's processes (the servers the hub started for them), delete them and their home."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids_of(uid):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        stop = time.monotonic() + grace
        while pids_of(uid) and time.monotonic() < stop:
            time.sleep(0.1)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    try:
        grp.getgrnam(name)
        subprocess.run(["groupdel", name], capture_output=True)
    except KeyError:
        pass


def remove_group(name):
    subprocess.run(["groupdel", name], capture_output=True)


def members(group):
    """Users whose primary or supplementary group is ``group``."""
    try:
        g = grp.getgrnam(group)
    except KeyError:
        return set()
    return set(g.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == g.gr_gid}
