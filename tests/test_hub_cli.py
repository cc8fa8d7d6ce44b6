"""Issue 23.1: `python -m autograder hub start` (what `make hub` runs) serves a login page a
student can log into with their Unix password (PAM), and stops cleanly on SIGTERM.

The test makes its own groups and a student with `hub adduser`, a temp state folder and a
free port; it removes them at the end. Root only (Unix users, servers as other uids).
"""
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder.hub import users
from autograder.hub.config import CHP, free_port


@pytest.mark.slow
def test_hub_start_logs_a_student_in(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("creates Unix users: run as root")
    assert CHP.exists(), f"no {CHP}: run `make hub-deps`"
    requests = pytest.importorskip("requests")
    tag = "c" + secrets.token_hex(3)
    student, groups = f"{tag}s", (f"{tag}-students", f"{tag}-instructors")
    password = secrets.token_urlsafe(12)
    port = free_port()
    cli = [sys.executable, "-m", "autograder", "hub"]
    proc = None
    try:
        add = subprocess.run([*cli, "adduser", student, "--password-stdin", "--students-group", groups[0]],
                             input=password + "\n", capture_output=True, text=True, timeout=60)
        assert add.returncode == 0, add.stderr
        assert oct(Path(users.pwd.getpwnam(student).pw_dir).stat().st_mode & 0o777) == "0o700"
        users.ensure_group(groups[1])
        log = open(tmp_path / "hub.log", "w")
        proc = subprocess.Popen([*cli, "start", "--state", str(tmp_path / "state"), "--port", str(port),
                                 "--students-group", groups[0], "--instructors-group", groups[1]],
                                cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        s = requests.Session()
        for _ in range(240):
            try:
                if s.get(f"{base}/hub/login", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert proc.poll() is None, (tmp_path / "hub.log").read_text()[-3000:]
            time.sleep(0.5)
        page = s.get(f"{base}/hub/login").text
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
        bad = s.post(f"{base}/hub/login", data={"username": student, "password": "wrong-" + password,
                                               "_xsrf": xsrf}, allow_redirects=False)
        assert bad.status_code == 403
        ok = s.post(f"{base}/hub/login", data={"username": student, "password": password, "_xsrf": xsrf},
                    allow_redirects=False)
        assert ok.status_code == 302, ok.text[:500]
        root = s.post(f"{base}/hub/login", data={"username": "root", "password": "x", "_xsrf": xsrf},
                      allow_redirects=False)
        assert root.status_code == 403                     # not in the course's groups
        out = (tmp_path / "hub.log").read_text()
        assert f"at http://127.0.0.1:{port}" in out and "released: " in out
        started = _tree(proc.pid)                         # the CLI, jupyterhub, the proxy
        assert len(started) >= 3, started
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        users.remove_user(student)
        for g in groups:
            users.remove_group(g)
    assert proc.returncode is not None
    assert not [p for p in started if Path(f"/proc/{p}").exists()], "processes left behind"


def _tree(pid):
    """``pid`` and its descendants."""
    kids = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                kids.setdefault(int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]), []).append(int(d.name))
            except (OSError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        out.append(todo.pop())
        todo += kids.get(out[-1], [])
    return out
