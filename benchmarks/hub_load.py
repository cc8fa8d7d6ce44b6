"""How many students fit on one machine (issue 23.4): a load test of the course's hub.

Starts a throw-away hub (autograder/hub/scratch.py: N real Unix users, PAM, each server
boxed under its student's uid), starts all N servers at once through the hub's REST API,
then in each server starts a kernel (the server's REST API) and runs hw1's cells up to its
first answer cell (imports, the budget, MNIST loaded and normalised), all kernels at once.
Measures: spawn time (request to ready), memory per student (PSS and RSS of the server and of
its kernel, from /proc, as root), the hub's own footprint (JupyterHub + the proxy), CPU
seconds the first cells cost, and the idle CPU of N servers with their kernels. From these:
students per GB and per core. Writes benchmarks/hub_load.json and prints a Markdown section
for benchmarks/RESULTS.md. Root only (it creates users); everything is removed at the end.

    HWLIB_DATA=... .venv/bin/python benchmarks/hub_load.py --students 20
"""
import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import cells as C  # noqa: E402
from autograder.hub.scratch import ScratchHub  # noqa: E402
from autograder.hub.users import pids_of  # noqa: E402

HW = "hw1_numpy_backprop"
TITLE = "## The shared hub: students per machine (issue 23.4)"


def first_cells():
    nb = C.read(ROOT / "release" / HW / f"{HW}.ipynb")
    out = []
    for cell in nb.cells:
        if C.is_answer(cell):
            break
        if cell.cell_type == "code":
            out.append(cell.source)
    return out


def mem(pid):
    """(PSS, RSS) in MB of one process."""
    vals = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("Pss", "Rss"):
                vals[k] = int(v.split()[0]) / 1024
    except OSError:
        return 0.0, 0.0
    return vals.get("Pss", 0.0), vals.get("Rss", 0.0)


def cpu_s(pid):
    try:
        f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


def is_kernel(pid):
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def descendants(pid):
    kids = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int(Path(d, "stat").read_text().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d.name))
            except (OSError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def student_usage(uid):
    """Memory (PSS, RSS MB) and CPU seconds of one student's server and kernel processes."""
    u = {"server_pss": 0.0, "server_rss": 0.0, "kernel_pss": 0.0, "kernel_rss": 0.0, "cpu_s": 0.0}
    for pid in pids_of(uid):
        pss, rss = mem(pid)
        kind = "kernel" if is_kernel(pid) else "server"
        u[f"{kind}_pss"] += pss
        u[f"{kind}_rss"] += rss
        u["cpu_s"] += cpu_s(pid)
    return u


def spawn_all(h, names):
    h.hub.api("POST", "/users", {"usernames": names})
    t0 = {}
    for n in names:
        t0[n] = time.monotonic()
        h.hub.api("POST", f"/users/{n}/server")
    ready, stop = {}, time.monotonic() + 900
    while len(ready) < len(names) and time.monotonic() < stop:
        for u in h.hub.api("GET", "/users"):
            if u["name"] in t0 and u["name"] not in ready and u["servers"].get("", {}).get("ready"):
                ready[u["name"]] = time.monotonic() - t0[u["name"]]
        time.sleep(0.5)
    missing = sorted(set(names) - set(ready))
    if missing:
        raise RuntimeError(f"servers not ready after 900 s: {missing}\n{h.hub.tail()}")
    return ready


async def run_cells(h, name, sources, timeout=600):
    """Start a kernel in ``name``'s server and run ``sources``; seconds taken."""
    import tornado.httpclient
    import tornado.websocket

    base = f"{h.settings.url}/user/{name}/api"
    headers = {"Authorization": f"token {h.settings.api_token}"}
    client = tornado.httpclient.AsyncHTTPClient()
    resp = await client.fetch(f"{base}/kernels", method="POST", body="{}", headers=headers,
                              request_timeout=120)
    kid = json.loads(resp.body)["id"]
    ws_url = base.replace("http://", "ws://") + f"/kernels/{kid}/channels"
    ws = await tornado.websocket.websocket_connect(
        tornado.httpclient.HTTPRequest(ws_url, headers=headers, request_timeout=120))
    start = time.monotonic()
    session = uuid.uuid4().hex
    for src in sources:
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                       "username": name, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": src, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        while True:
            raw = await asyncio.wait_for(ws.read_message(), timeout)
            if raw is None:
                raise RuntimeError(f"{name}: the kernel's websocket closed")
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") == msg_id and m["msg_type"] == "execute_reply":
                if m["content"]["status"] != "ok":
                    raise RuntimeError(f"{name}: {m['content'].get('ename')}: {m['content'].get('evalue')}")
                break
    ws.close()
    return time.monotonic() - start


async def run_all(h, names, sources):
    return dict(zip(names, await asyncio.gather(*(run_cells(h, n, sources) for n in names)), strict=True))


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def boxes(h):
    """``{uid: PSS MB}`` of the root-owned bubblewrap processes around each student's server."""
    out = {}
    for p in descendants(h.hub.proc.pid):
        argv = cmdline(p)
        if argv and argv[0].endswith(b"bwrap"):
            uid = next((int(a.split(b"=")[1]) for a in argv if a.startswith(b"--reuid=")), None)
            if uid is not None:
                out[uid] = out.get(uid, 0.0) + mem(p)[0]
    return out


def hub_footprint(h):
    """JupyterHub's process and the proxy's (node), not the student boxes."""
    pids = [p for p in descendants(h.hub.proc.pid)
            if any(b"jupyterhub" in a or b"configurable-http-proxy" in a for a in cmdline(p)[:3])
            and not cmdline(p)[0].endswith(b"bwrap") and os.stat(f"/proc/{p}").st_uid == 0]
    pss = sum(mem(p)[0] for p in pids)
    rss = sum(mem(p)[1] for p in pids)
    return {"pss_mb": round(pss, 1), "rss_mb": round(rss, 1), "processes": len(pids)}


def summary(xs):
    xs = sorted(xs)
    return {"median": round(statistics.median(xs), 1), "p90": round(xs[int(0.9 * (len(xs) - 1))], 1),
            "max": round(xs[-1], 1), "min": round(xs[0], 1)}


def measure(n, idle_s):
    import pwd

    data = os.environ.get("HWLIB_DATA")
    out = {"students": n, "cores": os.cpu_count(), "data": "full MNIST" if data else "hwlib's mini subset",
           "load_average_start": [round(x, 1) for x in os.getloadavg()]}
    with ScratchHub(students=n, instructors=0, formgrader=False, data=data) as h:
        hub_idle = hub_footprint(h)
        t = time.monotonic()
        spawn = spawn_all(h, h.students)
        out["spawn_all_wall_s"] = round(time.monotonic() - t, 1)
        out["spawn_s"] = summary(spawn.values())
        uids = {s: pwd.getpwnam(s).pw_uid for s in h.students}
        servers = {s: student_usage(uids[s]) for s in h.students}
        sources = first_cells()
        t = time.monotonic()
        cells = asyncio.run(run_all(h, h.students, sources))
        out["cells"] = len(sources)
        out["first_cells_all_wall_s"] = round(time.monotonic() - t, 1)
        out["first_cells_s"] = summary(cells.values())
        after = {s: student_usage(uids[s]) for s in h.students}
        box_pss = boxes(h)
        for s in h.students:
            after[s]["box_pss"] = box_pss.get(uids[s], 0.0)
        time.sleep(idle_s)
        idle = {s: student_usage(uids[s]) for s in h.students}
        out["hub"] = {"idle_no_servers": hub_idle, f"with_{n}_servers": hub_footprint(h)}
        per = {k: summary([after[s][k] for s in h.students])
               for k in ("server_pss", "server_rss", "kernel_pss", "kernel_rss", "box_pss")}
        per["server_only_before_kernel_pss"] = summary([servers[s]["server_pss"] for s in h.students])
        out["memory_mb_per_student"] = per
        first_cpu = [after[s]["cpu_s"] - servers[s]["cpu_s"] for s in h.students]
        idle_cpu = [(idle[s]["cpu_s"] - after[s]["cpu_s"]) / idle_s for s in h.students]
        out["first_cells_cpu_s"] = summary(first_cpu)
        out["idle_cpu_fraction_per_student"] = round(statistics.mean(idle_cpu), 4)
        out["idle_window_s"] = idle_s
        out["load_average_end"] = [round(x, 1) for x in os.getloadavg()]
    total_pss = [after[s]["server_pss"] + after[s]["kernel_pss"] + after[s]["box_pss"] for s in after]
    mean_pss = statistics.mean(total_pss)
    out["per_student_pss_mb_mean"] = round(mean_pss, 1)
    out["students_per_gb"] = round(1024 / mean_pss, 2)
    cpu = statistics.median(first_cpu)
    out["students_per_core"] = {
        "running_the_first_cells_once_a_minute": round(60 / cpu, 1),
        "idle_servers_with_a_kernel": round(1 / max(out["idle_cpu_fraction_per_student"], 1e-4), 0)}
    return out


def _load(r):
    if "load_average_start" in r:
        return (f"load average {r['load_average_start'][0]} at the start, {r['load_average_end'][0]} at the "
                "end: other jobs shared the machine")
    return r.get("load_note", "load average not recorded")


def markdown(r):
    m = r["memory_mb_per_student"]
    hub = r["hub"]
    with_n = hub[f"with_{r['students']}_servers"]
    return "\n".join([
        TITLE,
        "",
        f"`benchmarks/hub_load.py --students {r['students']}` on this {r['cores']}-core machine "
        f"({r['data']}; {_load(r)}): {r['students']} real Unix users, PAM, each server "
        "boxed in bubblewrap under its student's uid; all servers started at once through the hub's "
        f"REST API, then in each a kernel ran hw1's first {r['cells']} code cells (imports, budget, "
        "MNIST loaded and normalised), all at once. Memory from /proc (PSS: shared pages split "
        "between the processes that share them; RSS counts them in full).",
        "",
        "| | median | p90 | max |",
        "|---|---|---|---|",
        f"| spawn, request to ready (s) | {r['spawn_s']['median']} | {r['spawn_s']['p90']} | {r['spawn_s']['max']} |",
        f"| hw1's first cells, all kernels at once (s) | {r['first_cells_s']['median']} | "
        f"{r['first_cells_s']['p90']} | {r['first_cells_s']['max']} |",
        f"| CPU seconds of the first cells, per kernel | {r['first_cells_cpu_s']['median']} | "
        f"{r['first_cells_cpu_s']['p90']} | {r['first_cells_cpu_s']['max']} |",
        f"| server PSS (MB) | {m['server_pss']['median']} | {m['server_pss']['p90']} | {m['server_pss']['max']} |",
        f"| server RSS (MB) | {m['server_rss']['median']} | {m['server_rss']['p90']} | {m['server_rss']['max']} |",
        f"| kernel PSS after the cells (MB) | {m['kernel_pss']['median']} | {m['kernel_pss']['p90']} | "
        f"{m['kernel_pss']['max']} |",
        f"| kernel RSS after the cells (MB) | {m['kernel_rss']['median']} | {m['kernel_rss']['p90']} | "
        f"{m['kernel_rss']['max']} |",
        f"| bubblewrap around a server, root-owned (MB PSS) | {m['box_pss']['median']} | {m['box_pss']['p90']} | "
        f"{m['box_pss']['max']} |",
        "",
        f"- All {r['students']} servers ready {r['spawn_all_wall_s']} s after the first request (the fastest in "
        f"{r['spawn_s']['min']} s: {r['students']} spawns at once queue for {r['cores']} cores); "
        f"the first cells in all kernels took {r['first_cells_all_wall_s']} s.",
        f"- The hub itself (JupyterHub + configurable-http-proxy): {hub['idle_no_servers']['pss_mb']} MB "
        f"PSS with no server, {with_n['pss_mb']} MB with {r['students']}.",
        f"- **Students per GB: {r['students_per_gb']}** (a student = server + a kernel holding hw1's data, "
        f"{r['per_student_pss_mb_mean']} MB PSS on average).",
        f"- **Students per core: {r['students_per_core']['running_the_first_cells_once_a_minute']}** "
        "if each runs those cells once a minute (CPU seconds per run, median); idle servers with a "
        f"kernel used {100 * r['idle_cpu_fraction_per_student']:.2f} % of a core each over "
        f"{r['idle_window_s']} s.",
        "- Memory, not CPU, is the bound: a training cell (hw1's main run, hw4's CNN) needs more, so "
        "size the machine by the heaviest assignment's kernel (the grading box sizes in "
        "`course/course.toml`, `box_memory_mb`) times the students working at once.",
        "",
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, default=20)
    ap.add_argument("--idle", type=float, default=30.0, help="idle window to measure (s)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "hub_load.json"))
    ap.add_argument("--report-only", action="store_true", help="rewrite the Markdown from --out's JSON")
    args = ap.parse_args()
    out = Path(args.out)
    if args.report_only:
        r = json.loads(out.read_text())
    else:
        if os.geteuid() != 0:
            sys.exit("run as root: the load test creates Unix users")
        r = measure(args.students, args.idle)
        out.write_text(json.dumps(r, indent=1) + "\n")
    md = markdown(r)
    out.with_suffix(".md").write_text(md)      # `make bench` appends it to RESULTS.md too
    results = out.with_name("RESULTS.md")
    if results.is_file():
        text = results.read_text()
        head = text.split("\n" + TITLE, 1)[0].rstrip("\n")
        results.write_text(head + "\n\n" + md)
    print(json.dumps(r, indent=1))
    print(md)


if __name__ == "__main__":
    main()
