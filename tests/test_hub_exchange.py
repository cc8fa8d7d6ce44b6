"""Issue 23.2: the private exchange (autograder/hub/exchange.py) and the release calendar.

As root, with two throw-away Unix users: a submission is the tree's student's, whatever its
name claims, stamped with the time the files were written (not the time in its name); no
symlink leaves a student's tree; feedback reaches only its own student (0640, their group);
nobody else can enter a student's tree. Without root, only the calendar is tested.
"""
import datetime as dt
import os
import secrets
import stat

import pytest

from autograder.hub import layout, schedule, users
from autograder.hub.config import Settings
from autograder.hub.instructor import collect, release_feedback
from autograder.hub.scratch import make_course

HW = "hw1_numpy_backprop"


def test_release_calendar(tmp_path):
    course = make_course(tmp_path / "c", [], start=dt.date(2026, 9, 7))
    dates = schedule.release_dates(course)
    assert dates[HW] == dt.date(2026, 9, 14)          # week 2
    assert schedule.released(dt.date(2026, 9, 13), course) == []
    assert schedule.released(dt.date(2026, 9, 14), course) == [HW]
    assert "hw6_regularization" in schedule.released(dt.date(2027, 1, 1), course)


@pytest.fixture
def two_students(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("creates Unix users: run as root")
    tag = "x" + secrets.token_hex(3)
    names = [f"{tag}a", f"{tag}b"]
    try:
        for n in names:
            users.add_user(n, secrets.token_urlsafe(12), home=tmp_path / "homes" / n)
        yield names
    finally:
        for n in names:
            users.remove_user(n)


def _submit_as(exchange, student, name, files):
    """What StudentSubmit leaves, written as root and handed to ``student``."""
    entry = exchange / "students" / student / "dl-course" / "inbound" / name
    entry.mkdir()
    for rel, text in files.items():
        (entry / rel).write_text(text)
    uid = users.pwd.getpwnam(student).pw_uid
    for p in [entry, *entry.iterdir()]:
        os.chown(p, uid, uid, follow_symlinks=False)
    return entry


@pytest.mark.slow   # nbgrader's collect and release_feedback, two subprocesses
def test_collect_trusts_the_tree_and_the_clock(tmp_path, two_students):
    alice, bob = two_students
    course = make_course(tmp_path / "course", [HW], start=dt.date(2026, 9, 7))
    s = Settings(state=str(tmp_path / "state"), course_root=str(course))
    s.save()
    x = layout.ensure_exchange(s.exchange)
    for n in (alice, bob):
        assert layout.provision(x, "dl-course", n)
    tree = x / "students" / alice
    assert stat.S_IMODE(tree.stat().st_mode) == 0o750 and tree.stat().st_gid == users.private_gid(alice)
    assert users.private_gid(alice) != users.private_gid(bob)     # bob cannot enter alice's tree

    nb = (course / "release" / HW / f"{HW}.ipynb").read_text()
    # alice claims a submission from 2020, and one in bob's name; plants a link to a secret
    _submit_as(x, alice, f"{alice}+{HW}+2020-01-01 00:00:00.000000 UTC+r1",
               {f"{HW}.ipynb": nb, "timestamp.txt": "2020-01-01 00:00:00.000000 UTC",
                "submission_secret.txt": "s" * 128})
    forged = _submit_as(x, alice, f"{bob}+{HW}+2020-01-02 00:00:00.000000 UTC+r2",
                        {f"{HW}.ipynb": nb, "submission_secret.txt": "t" * 128})
    (forged / "stolen.txt").symlink_to(course / "source" / HW / f"{HW}.ipynb")

    log, subs = collect(s, HW)
    assert subs == [alice], log                        # nothing for bob: the tree is alice's
    got = course / "submitted" / alice / HW
    assert not (got / "stolen.txt").exists()
    stamp = (got / "timestamp.txt").read_text()
    assert stamp.startswith(str(dt.datetime.now(dt.timezone.utc).year)), stamp   # not 2020
    assert not (course / "submitted" / bob).exists()

    # feedback reaches alice only, readable by her group, not by others
    fb = course / "feedback" / alice / HW
    fb.mkdir(parents=True)
    (fb / f"{HW}.html").write_text("<p>Score: 1.0 / 47.0</p>")
    release_feedback(s, HW)
    files = list((tree / "dl-course" / "feedback").iterdir())
    assert len(files) == 1
    st = files[0].stat()
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_gid == users.private_gid(alice) and st.st_uid == 0
    assert list((x / "students" / bob / "dl-course" / "feedback").iterdir()) == []
