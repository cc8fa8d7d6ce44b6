"""The one bubblewrap builder (autograder/grading/bwrap.py) behind the kernels' sandbox and
the hub's servers: what a box hides, shows and separates, read from its arguments and
checked for real where bubblewrap runs."""
import subprocess

import pytest

from autograder.grading.bwrap import Box, bwrap_args
from autograder.grading.sandbox import bwrap_works


def _tree(tmp_path):
    secret = tmp_path / "course" / "source"
    shown = tmp_path / "course" / ".venv" / "lib"
    work = tmp_path / "grading" / "sub-1"
    for d in (secret, shown, work):
        d.mkdir(parents=True)
    (secret / "tests.py").write_text("hidden")
    (shown / "lib.py").write_text("shown")
    return secret, shown, work


def test_outermost_hidden_folders_and_traversable_paths_to_what_is_shown(tmp_path):
    secret, shown, work = _tree(tmp_path)
    args = bwrap_args(Box(hide=[tmp_path / "course", secret, tmp_path / "grading", tmp_path / "nowhere"],
                          ro=[shown], rw=[work], chdir=work, network=False, hostname="sandbox", home=work))
    tmpfs = [args[i + 1] for i, a in enumerate(args) if a == "--tmpfs"]
    assert tmpfs == [str(tmp_path / "course"), str(tmp_path / "grading")]   # inner and missing ones dropped
    made = [args[i + 1] for i, a in enumerate(args) if a == "--dir"]
    assert made == [str(tmp_path / "course" / ".venv")]                      # between a hidden root and lib/
    assert args.index("--ro-bind", 5) < args.index(str(shown)) < args.index(str(work))
    for flags in (["--unshare-net"], ["--unshare-uts", "--hostname", "sandbox"], ["--setenv", "HOME", str(work)],
                  ["--chdir", str(work)], ["--die-with-parent"], ["--unshare-pid"]):
        i = args.index(flags[0])
        assert args[i:i + len(flags)] == flags
    assert "--new-session" not in args


def test_a_hub_box_keeps_the_network_and_drops_the_terminal(tmp_path):
    args = bwrap_args(Box(hide=[tmp_path], new_session=True))
    assert "--new-session" in args and "--unshare-net" not in args and "--hostname" not in args


@pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")
def test_a_real_box_hides_shows_and_writes_what_it_says(tmp_path):
    secret, shown, work = _tree(tmp_path)
    box = Box(hide=[tmp_path / "course", tmp_path / "grading"], ro=[shown], rw=[work], chdir=work, network=False)
    script = (f"import os, pathlib\n"
              f"print(os.listdir({str(secret.parent)!r}))\n"
              f"print(pathlib.Path({str(shown / 'lib.py')!r}).read_text())\n"
              f"pathlib.Path('out.txt').write_text('mine')\n"
              f"try:\n    open({str(shown / 'new.py')!r}, 'w')\n"
              f"except OSError as e:\n    print('read-only', e.errno)\n")
    proc = subprocess.run([*bwrap_args(box), "python3", "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:3] == ["['.venv']", "shown", "read-only 30"]
    assert (work / "out.txt").read_text() == "mine"
