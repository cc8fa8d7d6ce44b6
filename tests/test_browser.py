"""End to end in a real browser: JupyterLab serves a release notebook, headless chromium runs it.

For HW1 (NumPy) and HW6 (PyTorch) the test starts its own JupyterLab (random token, free
port, every config/data/runtime directory and HOME in a temp dir, announcements and update
checks off) on a temp copy of ``release/<id>``, opens the notebook with Playwright driving
the OS's chromium (``/usr/bin/chromium``; Playwright's own browser download is never used),
runs the cells from the top with Shift+Enter (never past the first answer cell, whose
``NotImplementedError`` is the student's to replace) until a text output and a matplotlib
image are rendered, then types and runs a check cell of its own (``print(6*7)`` and a small
plot). It saves a screenshot to ``artifacts/browser/<id>_lab.png`` and the server log next
to it.

Without chromium the test is skipped ("apt-get install chromium"); in CI (CI=true) that
is a failure. Everything has a deadline: the whole test gives up after ~180 s, and the
server (and its kernels) is terminated, then killed, in a ``finally`` block.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder import cells as C

ASSIGNMENTS = ["hw1_numpy_backprop", "hw6_regularization"]
CHROMIUM = Path("/usr/bin/chromium")
JUPYTER = REPO_ROOT / ".venv" / "bin" / "jupyter"
ARTIFACTS = REPO_ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]  # containers often have a tiny /dev/shm

TEST_BUDGET_S = 180      # the whole test, server start to shutdown
SERVER_START_S = 60      # until /api/status answers
MAX_FIRST_CELLS = 12     # Shift+Enter presses from the top before giving up on a plot
CHECK_CELL = ('print(6*7)\n'
              'import matplotlib.pyplot as plt\n'
              'plt.plot([1, 2, 3]); plt.xlabel("x"); plt.ylabel("y"); plt.title("browser check")\n'
              'plt.show()')

# Selectors (JupyterLab 4): rendered stdout / images inside output areas, input prompts.
STDOUT_SEL = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]'
STDERR_SEL = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
IMG_SEL = ".jp-OutputArea-output img"
PROMPT_SEL = ".jp-Notebook .jp-InputPrompt"


def _in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _skip_or_fail(msg):
    if _in_ci():
        pytest.fail(msg)
    pytest.skip(msg)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Deadline:
    """Seconds left of a fixed budget; ``ms()`` gives Playwright timeouts that never exceed it."""

    def __init__(self, seconds):
        self.start = time.monotonic()
        self.end = self.start + seconds

    def left(self):
        return self.end - time.monotonic()

    def ms(self, cap_s=None):
        left = self.left()
        if left <= 0:
            raise TimeoutError("the browser test ran out of its time budget")
        return 1000 * (left if cap_s is None else min(left, cap_s))


def _isolated_env(tmp, data_root):
    """The server's environment: our data, nothing from the user's Jupyter/IPython set-up."""
    env = dict(os.environ)
    for var in ("MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH",
                "JUPYTER_TOKEN", "HWLIB_GRADING"):
        env.pop(var, None)
    dirs = {"HOME": "home", "JUPYTER_CONFIG_DIR": "jupyter/config",
            "JUPYTER_DATA_DIR": "jupyter/data", "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
            "JUPYTERLAB_SETTINGS_DIR": "jupyter/lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "jupyter/lab-workspaces",
            "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib", "XDG_CACHE_HOME": "cache",
            "XDG_CONFIG_HOME": "config"}
    for var, rel in dirs.items():
        path = tmp / rel
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env["HWLIB_DATA"] = str(data_root)
    env["HWLIB_NO_PROGRESS"] = "1"
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    # No news feed, no update check (both would reach the internet and pop up toasts),
    # and the announcements plugin (the "receive official Jupyter news?" toast) disabled.
    # news_url must be None (not '') for JupyterLab to treat the news as disabled.
    config_dir = Path(env["JUPYTER_CONFIG_DIR"])
    (config_dir / "jupyter_server_config.py").write_text(
        "c.LabApp.news_url = None\n"
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n")
    (config_dir / "labconfig").mkdir(exist_ok=True)
    (config_dir / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    return env


def _wait_for_server(proc, url, deadline, log_path):
    stop = time.monotonic() + min(SERVER_START_S, deadline.left())
    last = None
    while time.monotonic() < stop:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited with code {proc.returncode}:\n"
                                 f"{_tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return json.loads(resp.read())
        except (urllib.error.URLError, OSError, ValueError) as err:
            last = err
        time.sleep(0.5)
    raise AssertionError(f"jupyter lab did not answer {url.split('?')[0]} within "
                         f"{SERVER_START_S} s (last error: {last}):\n{_tail(log_path)}")


def _tail(path, n=3000):
    try:
        return Path(path).read_text(errors="replace")[-n:]
    except OSError:
        return "(no server log)"


def _stop(proc, grace=10):
    """Terminate the server's process group (server and kernels), then kill it after `grace` s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=grace)


def _wait_for_kernel(base, token, notebook, deadline, cap_s=90):
    """Poll /api/sessions until the notebook's kernel exists and is idle."""
    stop = time.monotonic() + min(cap_s, deadline.left())
    sessions = None
    while time.monotonic() < stop:
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=5) as resp:
            sessions = json.loads(resp.read())
        states = [s.get("kernel", {}).get("execution_state") for s in sessions
                  if s.get("path", "").endswith(notebook)]
        if "idle" in states:
            return
        time.sleep(0.5)
    raise AssertionError(f"the notebook's kernel was not idle within {cap_s} s: {sessions}")


def _wait_until_idle(page, deadline, cap_s=90):
    """Wait until no input prompt shows [*] (nothing running or queued)."""
    page.wait_for_function(
        """sel => [...document.querySelectorAll(sel)].every(p => !p.textContent.includes('*'))""",
        arg=PROMPT_SEL, timeout=deadline.ms(cap_s), polling=200)


def run_lab_check(notebook_dir, data_root, workdir, screenshot=None, budget_s=TEST_BUDGET_S):
    """Serve a copy of `notebook_dir` (holding <folder name>.ipynb) with JupyterLab, drive it in
    chromium; return a summary dict. Used by the test (with release/<id>) and handy for trying
    another copy. The screenshot defaults to artifacts/browser/<id>_lab.png.
    """
    from playwright.sync_api import sync_playwright

    deadline = Deadline(budget_s)
    workdir = Path(workdir)
    assignment = Path(notebook_dir).name
    notebook = f"{assignment}.ipynb"
    root_dir = workdir / assignment
    shutil.copytree(notebook_dir, root_dir)
    env = _isolated_env(workdir / "env", data_root)
    token, port = secrets.token_hex(24), _free_port()
    base = f"http://127.0.0.1:{port}"
    screenshot = Path(screenshot or ARTIFACTS / f"{assignment}_lab.png")
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    for old in (screenshot, screenshot.with_name(screenshot.stem + "_failure.png")):
        old.unlink(missing_ok=True)  # never leave a previous run's picture behind
    log_path = screenshot.parent / f"{assignment}_jupyter_server.log"
    cmd = [str(JUPYTER), "lab", "--no-browser", f"--ServerApp.token={token}",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={root_dir}", "--ServerApp.open_browser=False"]
    if os.geteuid() == 0:  # CI containers run as root; JupyterLab refuses that by default
        cmd.append("--ServerApp.allow_root=True")
    cells = C.read(root_dir / notebook).cells
    summary = {"port": port, "cells_in_notebook": len(cells),       # never run into an answer cell
               "cells_before_first_answer": next((i for i, c in enumerate(cells) if C.is_answer(c)), len(cells))}
    started = time.monotonic()
    with open(log_path, "w") as log:
        # Own session: the server and its kernels form one process group we can stop.
        proc = subprocess.Popen(cmd, cwd=root_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    # Belt and braces: whatever happens in the browser, the server is gone after the budget.
    watchdog = threading.Timer(budget_s + 15, _stop, args=(proc, 5))
    watchdog.daemon = True
    watchdog.start()
    try:
        status = _wait_for_server(proc, f"{base}/api/status?token={token}", deadline, log_path)
        summary["server_start_s"] = round(time.monotonic() - started, 1)
        summary["server_status"] = status
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=False,
                                         args=CHROMIUM_ARGS, timeout=deadline.ms(60))
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1200})
                page.set_default_timeout(deadline.ms())
                _drive_notebook(page, base, token, notebook, deadline, summary)
                page.screenshot(path=str(screenshot))
                summary["screenshot"] = str(screenshot)
            except Exception:
                try:  # a picture of the failure is the best debugging aid
                    page.screenshot(path=str(screenshot.with_name(screenshot.stem + "_failure.png")),
                                    timeout=15_000)
                except Exception:
                    pass
                raise
            finally:
                browser.close()
    finally:
        watchdog.cancel()
        _stop(proc)
    summary["total_s"] = round(time.monotonic() - started, 1)
    return summary


def _drive_notebook(page, base, token, notebook, deadline, summary):
    page.goto(f"{base}/lab/tree/{notebook}?token={token}", wait_until="domcontentloaded",
              timeout=deadline.ms())
    panel = page.locator(".jp-NotebookPanel")
    panel.first.wait_for(state="visible", timeout=deadline.ms())
    cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    cells.first.wait_for(state="visible", timeout=deadline.ms())
    # The kernel must be up and connected before we run anything (a cell run earlier is
    # silently dropped): the server reports the notebook's kernel idle, and so does the
    # page's status bar ("Python 3 (ipykernel) | Idle").
    _wait_for_kernel(base, token, notebook, deadline)
    page.wait_for_function(
        """() => /\\|\\s*Idle/.test(document.getElementById('jp-main-statusbar')?.textContent || '')""",
        timeout=deadline.ms(), polling=250)
    summary["kernel_ready_s"] = round(time.monotonic() - deadline.start, 1)

    # Select the first cell in command mode (click its prompt area, then Escape).
    cells.first.locator(".jp-InputPrompt").first.click()
    page.keyboard.press("Escape")

    # Run cells from the top with Shift+Enter until a text output and an image are rendered,
    # never into an answer cell (in a release it raises NotImplementedError when called).
    presses = 0
    for presses in range(1, min(MAX_FIRST_CELLS, summary["cells_before_first_answer"]) + 1):
        page.keyboard.press("Shift+Enter")
        page.wait_for_timeout(300)
        _wait_until_idle(page, deadline)
        # Errors render as stderr text with a traceback (warnings are stderr without one).
        tracebacks = page.locator(STDERR_SEL).filter(has_text="Traceback")
        assert tracebacks.count() == 0, \
            f"a cell raised an error after {presses} Shift+Enter:\n{tracebacks.first.inner_text()}"
        if page.locator(STDOUT_SEL).count() and page.locator(IMG_SEL).count():
            break
    summary["first_cells_run"] = presses
    summary["first_cells_text_outputs"] = page.locator(STDOUT_SEL).count()
    summary["first_cells_images"] = page.locator(IMG_SEL).count()
    summary["first_cells_stderr_outputs"] = page.locator(STDERR_SEL).count()
    assert summary["first_cells_text_outputs"] > 0, \
        f"no text output after running the first {presses} cells"

    # Our own check cell, inserted right after the cells we ran ('a' = insert above the
    # now-active cell). insert_text types without key events, so no auto-closed brackets.
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(CHECK_CELL)
    page.keyboard.press("Shift+Enter")
    page.wait_for_timeout(300)
    _wait_until_idle(page, deadline, cap_s=60)

    check = page.locator(".jp-Notebook .jp-CodeCell").filter(has_text="browser check").first
    check.locator(STDOUT_SEL).filter(has_text="42").first.wait_for(timeout=deadline.ms(30))
    check.locator(IMG_SEL).first.wait_for(state="visible", timeout=deadline.ms(30))
    assert check.locator(STDOUT_SEL).first.inner_text().strip() == "42"
    img = check.locator(IMG_SEL).first
    assert (img.get_attribute("src") or "").startswith("data:image/png"), "the plot is not a PNG"
    assert img.evaluate("i => i.naturalWidth") > 100, "the plot image did not load"
    summary["images_total"] = page.locator(IMG_SEL).count()
    # Frame the screenshot: the check cell at the bottom, the cells run before it above.
    check.evaluate("e => e.scrollIntoView({block: 'end'})")
    page.wait_for_timeout(500)


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_runs_in_jupyterlab_in_headless_chromium(assignment, data_root, tmp_path):
    if not CHROMIUM.exists():
        _skip_or_fail(f"no chromium at {CHROMIUM}: apt-get install chromium")
    if not JUPYTER.exists():
        _skip_or_fail(f"no {JUPYTER}: run make venv")
    release_dir = REPO_ROOT / "release" / assignment
    assert (release_dir / f"{assignment}.ipynb").is_file(), (
        f"release/{assignment}/{assignment}.ipynb is missing: python -m autograder release {assignment}")

    summary = run_lab_check(release_dir, data_root, tmp_path)
    print(json.dumps(summary, indent=1))
    screenshot = Path(summary["screenshot"])
    assert screenshot.is_file() and screenshot.stat().st_size > 10_000
    assert summary["first_cells_run"] >= 2, "fewer than two cells ran before the first answer cell"
    assert summary["images_total"] >= 1
    assert summary["total_s"] < TEST_BUDGET_S + 30


if __name__ == "__main__":  # try it on any copy: python tests/test_browser.py <folder with the notebook>
    import tempfile

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "release" / ASSIGNMENTS[0]
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(run_lab_check(folder, os.environ["HWLIB_DATA"], tmp), indent=1))
