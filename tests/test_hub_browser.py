"""Issue 23: three students at once on the course's JupyterHub, in headless Chromium.

The test creates its own Unix users (three students, an instructor, the formgrader's
account: random names and passwords, homes under the test's temp folder) and a throw-away
course with hw1 released (autograder/hub/scratch.py), starts the hub (PAM login, every
server boxed under its student's uid: autograder/hub/box.py), and then, for the three
students concurrently: log in on the hub's login page, fetch hw1 from the Assignments tab,
open it, run its first cell, answer 0 / 1 / 2 of the first questions (relu, relu_grad),
save, submit from the Assignments tab. The instructor collects from the exchange, grades
and makes feedback with the course's own commands, releases the feedback through the
exchange; each student fetches theirs and sees their own score. A probe cell checks that
student 0 cannot read another student's home or exchange folder, source/ or the mutant
bank, and the hub refuses student 0 another student's server. Screenshots:
artifacts/hub/<tag>/. Users, homes, groups and processes are removed at the end.
"""
import asyncio
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder.config import GradingConfig
from autograder.grading import cgroup
from autograder.hub import users
from autograder.hub.scratch import ScratchHub

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO_ROOT / "artifacts" / "hub"
HW = "hw1_numpy_backprop"
ANSWERS = ["relu", "relu_grad"]        # student i answers the first i of these
T = 120_000                            # ms: a step's timeout on a loaded 2-core machine
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run"]


def _need(ok, why):
    if not ok:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(why)
        pytest.skip(why)


def _solution(grade_id):
    nb = json.loads((REPO_ROOT / "source" / HW / f"{HW}.ipynb").read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    return "\n".join(line for line in "".join(cell["source"]).splitlines() if "### " not in line)


def _probe(h, me, other):
    """A cell printing what student ``me`` gets when reading others' files."""
    paths = {"other_home": str(h.tmp / "homes" / other),
             "other_exchange": str(h.settings.exchange / "students" / other),
             "source": str(REPO_ROOT / "source"), "course_source": str(h.course / "source"),
             "mutants": str(REPO_ROOT / "course" / "mutants"), "hub_private": str(h.settings.private),
             "own_exchange": str(h.settings.exchange / "students" / me)}
    return ("import os, json, hwlib\nres = {}\n"
            f"for k, p in {paths!r}.items():\n"
            "    try:\n        res[k] = 'READ' if os.listdir(p) else 'EMPTY'\n"
            "    except Exception as e:\n        res[k] = type(e).__name__\n"
            "res['cgroup'] = open('/proc/self/cgroup').read()\n"
            "print('PROBE', json.dumps(res), os.getuid())")


class Student:
    def __init__(self, h, index, browser, shots):
        self.h, self.i, self.name = h, index, h.students[index]
        self.browser, self.shots = browser, shots
        self.base = h.settings.url
        self.times = {}

    async def shot(self, step):
        await self.page.screenshot(path=str(self.shots / f"{self.name}_{step}.png"))

    async def login(self):
        t = time.monotonic()
        self.ctx = await self.browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = page = await self.ctx.new_page()
        page.set_default_timeout(T)
        await page.goto(f"{self.base}/hub/login")
        await page.fill("#username_input", self.name)
        await page.fill("#password_input", self.h.passwords[self.name])
        await page.click("#login_submit")
        await page.wait_for_url(re.compile(rf".*/user/{self.name}/lab.*"), timeout=240_000)
        await page.locator(".jp-LauncherCard, .jp-DirListing").first.wait_for(timeout=T)
        self.times["login_and_spawn_s"] = round(time.monotonic() - t, 1)
        await self.shot("1_lab")

    async def assignments(self):
        page = self.page
        await page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        await page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
        await page.locator("#released_assignments_list, #fetched_assignments_list").first.wait_for()

    async def assignment_button(self, in_list, label, then_list, shot):
        """In the Assignments tab, press ``label`` in ``in_list``; wait for hw1 in ``then_list``."""
        await self.assignments()
        await self.page.locator(f"#{in_list} button", has_text=label).first.click()
        await self.page.locator(f"#{then_list}", has_text=HW).wait_for()
        await self.shot(shot)

    async def fetch_and_work(self):
        page = self.page
        await self.assignment_button("released_assignments_list", "Fetch", "fetched_assignments_list", "2_fetched")
        await page.goto(f"{self.base}/user/{self.name}/lab/tree/{HW}/{HW}.ipynb")
        cells = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        await cells.first.wait_for()
        await page.wait_for_function(
            "() => /\\|\\s*Idle/.test(document.getElementById('jp-main-statusbar')?.textContent || '')",
            timeout=T, polling=500)
        first_code = page.locator(".jp-Notebook .jp-CodeCell").first
        await first_code.locator(".jp-InputPrompt").click()
        await page.keyboard.press("Shift+Enter")
        await first_code.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for()
        for gid in ANSWERS[:self.i]:
            cell = cells.filter(has_text=f"def {gid}(").first
            await cell.locator(".cm-content").click()
            await page.keyboard.press("Control+A")
            await page.keyboard.insert_text(_solution(gid))
            await page.keyboard.press("Escape")
        if self.i == 0:  # the probe, in a new cell
            await page.keyboard.press("Escape")
            await cells.last.locator(".jp-InputPrompt, .jp-MarkdownOutput").first.click()
            await page.keyboard.press("Escape")
            await page.keyboard.press("b")
            await page.keyboard.press("Enter")
            await page.keyboard.insert_text(_probe(self.h, self.name, self.h.students[1]))
            await page.keyboard.press("Shift+Enter")
            out = page.locator(".jp-OutputArea-output", has_text="PROBE").first
            await out.wait_for()
            text = await out.inner_text()
            self.probe = json.loads(text.split("PROBE", 1)[1].strip().rsplit(" ", 1)[0])
            self.probe_uid = int(text.strip().rsplit(" ", 1)[1])
            await out.scroll_into_view_if_needed()
            await self.shot("3_probe")
        await page.keyboard.press("Control+s")
        await page.wait_for_timeout(1500)
        await self.shot("3_worked")

    async def submit(self):
        await self.assignment_button("fetched_assignments_list", "Submit", "submitted_assignments_list", "4_submitted")

    async def other_server(self, other):
        resp = await self.page.request.get(f"{self.base}/user/{other}/api/contents", max_redirects=0)
        return resp.status

    async def feedback(self):
        page = self.page
        await self.assignments()
        await page.locator("#submitted_assignments_list button", has_text="Fetch Feedback").first.click()
        await page.wait_for_timeout(2000)
        api = f"{self.base}/user/{self.name}/api/contents/{HW}/feedback"
        listing = await (await page.request.get(api)).json()
        stamps = [c["name"] for c in listing["content"]]
        assert len(stamps) == 1, stamps
        html = f"{self.base}/user/{self.name}/files/{HW}/feedback/{stamps[0]}/{HW}.html"
        await page.goto(html)
        body = await page.locator("body").inner_text()
        await self.shot("5_feedback")
        m = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", body)
        assert m, body[:500]
        self.feedback_score = float(m.group(1))
        return self.feedback_score


def _course(h, *args):
    env = dict(os.environ, COURSE_ROOT=str(h.course))
    proc = subprocess.run([sys.executable, "-m", "autograder", *args], cwd=h.course, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"autograder {' '.join(args)}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


async def _instructor_formgrader(browser, h, shots):
    """The instructor opens the formgrader service; a student is refused it."""
    out = {}
    for who in (h.instructors[0], h.students[2]):
        ctx = await browser.new_context()
        page = await ctx.new_page()
        page.set_default_timeout(T)
        await page.goto(f"{h.settings.url}/hub/login?next=/hub/home")
        await page.fill("#username_input", who)
        await page.fill("#password_input", h.passwords[who])
        await page.click("#login_submit")
        await page.wait_for_url(re.compile(r".*/hub/.*|.*/user/.*"))
        resp = await page.goto(f"{h.settings.url}/services/formgrader/formgrader")
        await page.wait_for_load_state("networkidle", timeout=T)
        out[who] = (resp.status if resp else None, await page.content())
        await page.screenshot(path=str(shots / f"{who}_formgrader.png"))
        await ctx.close()
    return out


async def _run(h, shots):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            students = [Student(h, i, browser, shots) for i in range(3)]
            phases, t = {}, time.monotonic()

            def lap(name):
                nonlocal t
                phases[name] = round(time.monotonic() - t, 1)
                t = time.monotonic()

            await asyncio.gather(*(s.login() for s in students))
            lap("log_in_and_spawn")
            await asyncio.gather(*(s.fetch_and_work() for s in students))
            lap("fetch_open_run_answer")
            await asyncio.gather(*(s.submit() for s in students))
            refused = await students[0].other_server(h.students[1])
            lap("submit")
            collected = await asyncio.to_thread(_course, h, "hub", "collect", HW,
                                                "--state", h.settings.state)
            lap("collect")
            graded = await asyncio.to_thread(_course, h, "grade", HW, "--workers", "2", "--no-progress")
            lap("grade")
            await asyncio.to_thread(_course, h, "feedback", HW)
            await asyncio.to_thread(_course, h, "hub", "release-feedback", HW, "--state", h.settings.state)
            lap("feedback_and_release")
            scores = await asyncio.gather(*(s.feedback() for s in students))
            lap("fetch_feedback")
            formgrader = await _instructor_formgrader(browser, h, shots)
            lap("formgrader")
            students[0].phases = phases
            return students, refused, collected, graded, scores, formgrader
        finally:
            await browser.close()


@pytest.mark.slow
@pytest.mark.needs_data
def test_three_students_on_the_hub(data_root):
    _need(CHROMIUM.exists(), f"no chromium at {CHROMIUM}: apt-get install chromium")
    _need(os.geteuid() == 0, "the hub starts servers as the students' users: run as root")
    from autograder.grading.sandbox import bwrap_works
    from autograder.hub.config import CHP

    _need(bwrap_works(), "bubblewrap cannot run here: apt-get install bubblewrap")
    assert CHP.exists(), f"no {CHP}: run `make hub-deps`"
    start = time.monotonic()
    with ScratchHub(students=3, instructors=1, data=str(data_root)) as h:
        shots = ARTIFACTS / h.tag
        shots.mkdir(parents=True, exist_ok=True)
        try:
            students, refused, collected, graded, scores, formgrader = asyncio.run(_run(h, shots))
        finally:
            (shots / "jupyterhub.log").write_text(h.hub.tail(400_000))
        # every server ran under its own student's uid; the probe's reads were refused
        s0 = students[0]
        assert s0.probe_uid == users.pwd.getpwnam(s0.name).pw_uid
        assert s0.probe["own_exchange"] == "READ"
        refused_reads = {k: v for k, v in s0.probe.items() if k not in ("own_exchange", "cgroup")}
        assert "READ" not in refused_reads.values(), s0.probe   # absent, refused, or empty
        if cgroup.detect(GradingConfig.from_env()).kind in ("v1", "v2"):   # the server and its kernel share one limit
            assert f"hub-{s0.name}-" in s0.probe["cgroup"], s0.probe["cgroup"]
        assert refused in (302, 403, 404), refused   # the hub does not let s0 into s1's server
        assert "collected 3" in collected, collected
        # each student's feedback shows their own score, as graded: 0, 1, 2 points
        results = {s.name: json.loads((h.course / "autograded" / s.name / HW / "results.json").read_text())
                   for s in students}
        for s, score in zip(students, scores, strict=True):
            assert score == pytest.approx(results[s.name]["score"]), (s.name, score, results[s.name])
        assert scores == sorted(scores) and scores[0] < scores[2], scores
        # only their own feedback is in each student's exchange folder
        for s in students:
            files = list((h.settings.exchange / "students" / s.name / "dl-course" / "feedback").iterdir())
            assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o640"
        status, page = formgrader[h.instructors[0]]
        assert status == 200 and "Manage Assignments" in page, page[:500]
        status, page = formgrader[h.students[2]]
        assert status == 403 or "Manage Assignments" not in page
        summary = {"students": [s.name for s in students], "scores": scores,
                   "times": {s.name: s.times for s in students}, "probe": s0.probe,
                   "other_server_status": refused, "phases_s": s0.phases,
                   "total_s": round(time.monotonic() - start, 1)}
        (shots / "summary.json").write_text(json.dumps(summary, indent=1))
        print(json.dumps(summary, indent=1))
    # the servers' cgroups went with them
    choice = cgroup.detect(GradingConfig.from_env())
    if choice.kind in ("v1", "v2"):
        parents = {d.parent for d in cgroup.Group(choice, 0, 0, name="probe").dirs}
        assert not [g for p in parents for g in p.glob(f"hub-{h.tag}*")], "cgroups left behind"
