"""What a student's boxed server can see (autograder/hub/box.py), read from the bubblewrap
arguments alone (no root, no bubblewrap needed): never ``source/`` nor the mutant bank
``course/mutants/``, yet the ``autograder`` package the students' kit needs."""
import pwd
from pathlib import Path

from autograder import mutants
from autograder.hub import box
from autograder.hub.config import CODE_ROOT, Settings


def _visible(args, path):
    """What bubblewrap shows at ``path``: the last mount at or above it, and whether any
    bind mount lies below it (which would show part of it again)."""
    path, last, below = Path(path), None, []
    i = 0
    while i < len(args):
        flag = args[i]
        if flag in ("--ro-bind", "--bind"):
            dest = Path(args[i + 2])
            if dest == path or dest in path.parents:
                last = flag
            elif path in dest.parents:
                below.append(dest)
            i += 3
        elif flag in ("--tmpfs", "--dir", "--dev", "--proc", "--chdir", "--perms"):
            if flag in ("--tmpfs", "--dir") and (Path(args[i + 1]) == path or Path(args[i + 1]) in path.parents):
                last = flag
            i += 2
        else:
            i += 1
    return last, below


def test_a_students_box_hides_the_mutant_bank_and_the_sources(tmp_path, monkeypatch):
    home = tmp_path / "homes" / "alice"
    home.mkdir(parents=True)
    me = pwd.getpwuid(0)
    user = pwd.struct_passwd(("alice", "x", me.pw_uid, me.pw_gid, "", str(home), "/bin/bash"))
    monkeypatch.setattr(box.pwd, "getpwnam", lambda name: user)
    s = Settings(state=str(tmp_path / "state"), course_root=str(CODE_ROOT))
    args = box.student_argv("alice", s, ["true"])
    bank = mutants.bank("hw1_numpy_backprop", CODE_ROOT).parent
    assert bank.is_dir() and (bank / "hw1_numpy_backprop").is_dir()
    for secret in (bank, bank / "hw1_numpy_backprop", CODE_ROOT / "source"):
        last, below = _visible(args, secret.resolve())
        assert last in ("--tmpfs", "--dir") and not below, (secret, args)   # an empty folder at most
    assert _visible(args, (CODE_ROOT / "autograder" / "check.py").resolve())[0] == "--ro-bind"
