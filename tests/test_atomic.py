"""autograder.atomic: a file is written whole or not at all, never through a shared temp file."""
import os
import threading

import pytest

from autograder import atomic


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "results.json"
    atomic.write_json(target, {"score": 1})
    atomic.write_json(target, {"score": 2})
    assert target.read_text() == '{\n  "score": 2\n}\n'
    assert sorted(p.name for p in target.parent.iterdir()) == ["results.json"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "grades.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic.atomic_path(target) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_mode_is_applied(tmp_path):
    atomic.write_text(tmp_path / "secret.json", "{}", mode=0o600)
    assert (tmp_path / "secret.json").stat().st_mode & 0o777 == 0o600


def test_two_writers_at_once_never_share_a_temporary_file(tmp_path):
    target = tmp_path / "report.html"
    seen, barrier = [], threading.Barrier(2)

    def writer(text):
        with atomic.atomic_path(target) as tmp:
            seen.append(tmp)
            barrier.wait(timeout=5)      # both temporaries exist at the same time
            tmp.write_text(text)

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("a" * 1000, "b" * 1000)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 2
    assert target.read_text() in ("a" * 1000, "b" * 1000)
    assert os.listdir(tmp_path) == ["report.html"]
