"""``benchmarks/RESULTS.md``: the results JSON as markdown tables, one section per part."""

TITLES = {
    "data": "1. Start-up and data loading",
    "numpy_mlp": "2. hw1's NumPy MLP (reference solution) vs PyTorch",
    "notebooks": "3. Reference solutions in their full configuration",
    "grading": "4. Autograding",
    "course_numbers": "5. The course material's numbers next to this run's",
    "floors": "6. Distance to the machine's limit (sgemm floors)",
    "footprint": "7. Grading in Gradescope's default box (768 MB, half a CPU)",
}


def _fmt(value, digits=2, unit=""):
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**NO**"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def _pct(value):
    return "–" if value is None else f"{100 * value:.2f}%"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |")
    return lines


def _met(value):
    return {True: "yes", False: "**NO**", None: "–"}[value]


def markdown(res):
    m, v = res["machine"], res["versions"]
    L = ["# Benchmarks", ""]
    L.append(f"Measured {res['date']['local']} on **{m['cpu_model']}** "
             f"({m['usable_cpus']} usable of {m['logical_cpus']} logical CPUs, "
             f"{m['memory_gb']} GB memory), in {_fmt(res.get('duration_s'), 0)} s "
             f"(budget {res['budget_s']:.0f} s). Every row below was measured in this one run.")
    L.append("")
    load0, load1 = m.get("load_average_start"), res.get("load_average_end")
    if res["quick"]:
        L += ["> **Quick mode** (`--quick`): a smoke run on small settings (and the toy course "
              "for grading); its numbers are not benchmarks.", ""]
    # the load at the end is mostly the benchmark's own last section: only the start says
    # whether something else was running
    if load0 and m["usable_cpus"] and load0[0] > 0.5 * m["usable_cpus"]:
        L += [f"> **Busy machine**: load average {load0[0]} at the start (before any "
              f"measurement), on {m['usable_cpus']} CPUs: timings are inflated. Take final "
              "numbers on a quiet machine (`make bench`).", ""]
    elif load0:
        L += [f"Load average {load0[0]} at the start (1-minute), {(load1 or ['?'])[0]} at the end "
              "(the benchmark's own last section).", ""]
    if not res.get("complete"):
        L += ["> **Incomplete**: the run stopped before the end (this file is its progress).", ""]
    L += _table(["Python", "NumPy (BLAS)", "PyTorch", "TensorFlow", "Keras", "nbgrader", "nbclient"],
                [[v.get("python"), f"{v.get('numpy')} ({v.get('numpy_blas')})", v.get("torch"),
                  v.get("tensorflow"), v.get("keras"), v.get("nbgrader"), v.get("nbclient")]])
    git = res.get("git") or {}
    L += ["", f"git {(git.get('commit') or '?')[:12]}"
              + (f" + {git['uncommitted_changes']} uncommitted change(s)" if git.get("uncommitted_changes") else "")
              + (f"; thread settings {m['thread_env']}" if m.get("thread_env") else "")
              + f"; platform {m['platform']}; UTC {res['date']['utc']}.", ""]

    L += ["## Targets", ""]
    L += _table(["target", "measured", "met"],
                [[t["target"], t["measured"], _met(t["met"])] for t in res.get("targets", [])])
    L.append("")

    for key, title in TITLES.items():
        sec = res["sections"].get(key)
        L += [f"## {title}", ""]
        if sec is None:
            L += ["Not run.", ""]
            continue
        if sec.get("status") != "ok":
            L += [f"**{sec.get('status')}**: {sec.get('reason') or sec.get('error')}", ""]
            if sec.get("status") != "error" or not sec.get("rows"):
                continue
        L += globals()[f"_section_{key}"](sec)
        for note in sec.get("notes", []):
            L.append(f"- {note}")
        L += ["", f"_Section time: {_fmt(sec.get('seconds'), 0)} s wall, "
                  f"{_fmt(sec.get('cpu_s'), 0)} s CPU (this process and its finished children)"
                  + (f"; other processes {_fmt(sec['other_cpu_s'], 0)} s CPU, steal {_fmt(sec.get('steal_s'), 0)} s"
                     if sec.get("other_cpu_s") is not None else "")
                  + (" (including this section's own sandboxed graders, which are not children of "
                     "this process)" if sec.get("other_cpu_includes_sandboxes") else "") + "._", ""]
    if res.get("notes"):
        L += ["## Notes", ""] + [f"- {n}" for n in res["notes"]] + [""]
    return "\n".join(L).rstrip() + "\n"


def _section_data(sec):
    L = [f"Data: MNIST {sec['data']} set ({sec.get('data_dir') or 'shipped mini subset'}); "
         "each sample is a fresh Python process.", ""]
    L += _table(["measurement", "median", "samples"],
                [[r["what"], _fmt(r["median"], 3, " s"), ", ".join(f"{s:.3f}" for s in r["samples"])]
                 for r in sec["rows"]])
    return L + [""]


def _section_numpy_mlp(sec):
    L = [f"NumPy side: the hw1 reference solution exec'd from `{sec['reference'].split('/source/')[-1]}` "
         f"(cells: {', '.join(sec.get('reference_cells', []))}), on the notebook's data "
         f"({sec['data_dtype']}). PyTorch side: same net, He init (the same initial weights), "
         "same minibatches, SGD with the same lr, float32, 2 threads. One epoch = the shuffle, "
         "the minibatch steps and the loss/accuracy on the whole training and validation sets "
         "(what the reference `train` does every epoch). Each run in its own process.", ""]
    L += ["### Epoch time, same network and batch size", ""]
    L += _table(["run", "net", "batch", "lr", "epochs", "train images", "s / epoch", "test acc", "weights"],
                [[r["what"], r["arch"], r["batch"], r["lr"], r["epochs"], f"{r['n_train']:,}",
                  _fmt(r["epoch_s"], 3), _pct(r["test_acc"]), r["param_dtype"]] for r in sec["rows"]])
    one = sec.get("ratio_1_thread_over_torch")
    L += ["", f"Ratio NumPy reference / PyTorch: **{sec['ratio_numpy_over_torch']:.2f}x** "
              f"(with float64 weights: {sec['ratio_float64_over_torch']:.2f}x"
              + (f"; reference with 1 BLAS thread: {one:.2f}x" if one is not None else "") + ").", ""]
    prof = sec.get("profile")
    if prof:
        L += [f"### Profile of one reference epoch ({'-'.join(map(str, prof['sizes']))}, batch "
              f"{prof['batch']}, {prof['n_train']:,} images; {prof['epoch_s']:.2f} s under cProfile)", ""]
        L += _table(["part of the epoch (timed call by call)", "seconds", "share"],
                    [[b["part"], _fmt(b["seconds"], 3), f"{100 * b['share']:.0f}%"] for b in prof["breakdown"]])
        L += ["", "cProfile, by own time (matrix products count in the function that calls `@`):", ""]
        L += _table(["function", "calls", "own s", "cumulative s"],
                    [[t["function"], t["calls"], _fmt(t["tottime_s"], 3), _fmt(t["cumtime_s"], 3)]
                     for t in prof["top"][:8]])
        L += ["", "dtypes: " + "; ".join(f"{k}: `{v}`" for k, v in prof["dtypes"].items()), ""]
    if sec.get("curves"):
        L += ["### Test accuracy against training time (reference `train`, one call per epoch)", ""]
        rows = []
        for cid, c in sec["curves"].items():
            pts = c["points"]
            trail = ", ".join(f"{p['seconds']:.0f}s:{100 * p['test_acc']:.2f}" for p in pts[-6:])
            rows.append([cid, c["what"], f"{c['n_train']:,}", pts[-1]["epoch"], _fmt(pts[-1]["seconds"], 1),
                         _fmt(pts[-1]["seconds"] / pts[-1]["epoch"], 2), _pct(pts[-1]["test_acc"]),
                         _pct(pts[-1]["val_acc"]), trail + (" (time cap)" if c["stopped_early"] else "")])
        L += _table(["id", "configuration", "train images", "epochs", "train s", "s / epoch",
                     "test acc", "val acc", "last epochs (s: test %)"], rows)
        L.append("")
    return L


def _section_grading(sec):
    L = ["One student's correct submission of every assignment (the release with the source's "
         "answers), graded by `batch.grade` with one worker (one kernel thread), as an instructor's "
         "batch grades it. *grading s*: the grader's own time for the notebook (what the budget "
         "limits); *batch s*: the whole `batch.grade` call (worker start-up, gradebook, feedback, report).", ""]
    L += _table(["assignment", "grading s", "batch s", "budget s", "score", "full marks", "isolation"],
                [[r["assignment"], _fmt(r["seconds"], 1), _fmt(r.get("wall_s"), 1), _fmt(r["budget_s"], 0),
                  f"{r['score']:g}/{r['max_score']:g}", _fmt(r["full_marks"]), r["isolation"]]
                 for r in sec["rows"]])
    for aid, why in sec.get("skipped", {}).items():
        L.append(f"| {aid} | – | – | – | – | – | not graded: {why} |")
    b = sec.get("batch")
    if b:
        L += ["", f"### {b['submissions']} correct submissions of {b['assignment']} (`batch.grade`, "
                  f"each scored {b.get('score')})", ""]
        L += _table(["workers", "total s", "s / submission", "speed-up", "grades identical"],
                    [[1, _fmt(b["workers_1_s"], 1), _fmt(b["per_submission_1_s"], 1), "1.00x",
                      _fmt(b["identical_across_submissions"])],
                     [2, _fmt(b["workers_2_s"], 1), _fmt(b["per_submission_2_s"], 1),
                      f"{b['speedup_2_over_1']:.2f}x", _fmt(b["identical_between_runs"])]])
        L += ["", f"(Registering the assignments in the scratch course's gradebook with nbgrader "
                  f"before these runs, not timed above: {b['register_s']:.1f} s.)"]
    c = sec.get("course")
    if c:
        L += ["", "### The whole course for one student", ""]
        L += _table(["assignments", "the graders' own time", "the whole run (batch.grade per assignment)", "scores"],
                    [[", ".join(c["assignments"]), _fmt(c["sum_of_single_gradings_s"], 1, " s"),
                      _fmt(c["one_run_s"], 1, " s"), ", ".join(f"{k} {v}" for k, v in c["scores"].items())]])
    return L + [""]


def _section_notebooks(sec):
    L = ["Each source notebook's *results slice* executed with nbclient in a scratch folder, "
         "without `HWLIB_GRADING` (full configuration), `HWLIB_NO_PROGRESS=1`: the cells that "
         "print RESULT lines, the set-up cells, and every earlier cell defining a name they use "
         "(`autograder.slicing`; sweeps, plots and self-checks no RESULT depends on are left "
         "out). Peak memory = the kernel's own `VmHWM` (exact) + the largest sampled RSS of its "
         "child processes. RESULT convention: " + sec.get("convention", ""), ""]
    rows, runs = [], []
    for r in sec["rows"]:
        cells = (f"{r['code_cells_run']} of {r.get('code_cells_in_notebook', r.get('code_cells'))}"
                 if r.get("code_cells") else "–")
        rows.append([r["id"], r.get("status"), cells, _fmt(r.get("wall_s"), 1), _fmt(r.get("cpu_s"), 1),
                     _fmt(r.get("cores_busy"), 2), _fmt(r.get("peak_rss_mb"), 0),
                     _fmt(r.get("children_peak_rss_mb"), 0), r.get("reason") or r.get("error") or ""])
        for res in r.get("results", []):
            epochs, secs = res.get("epochs"), res.get("seconds")
            per = secs / epochs if isinstance(epochs, int) and epochs and isinstance(secs, (int, float)) else None
            extra = " ".join(f"{k}={v}" for k, v in res.items()
                             if k not in ("name", "test_accuracy", "val_accuracy", "epochs", "seconds"))
            runs.append([r["id"], res.get("name"), _pct(res.get("test_accuracy")),
                         epochs if epochs is not None else "–",
                         _fmt(secs, 1), _fmt(per, 2), extra])
    L += _table(["notebook", "status", "code cells run", "wall s", "CPU s", "cores busy", "peak RSS MB",
                 "children MB", "reason"], rows)
    L += _harness_ratio(sec.get("harness_ratio"))
    if runs:
        L += ["", "RESULT lines (training seconds as the notebook measured them):", ""]
        L += _table(["notebook", "run", "test acc", "epochs", "training s", "s / epoch", "other"], runs)
    return L + [""]


def _harness_ratio(h):
    """The control row: one fixed workload timed in a plain process and in the harness."""
    if not h:
        return []
    L = ["", "### Harness against a plain process (the same workload)", ""]
    if h.get("status") != "ok":
        return L + [f"**{h.get('status')}**: {h.get('reason') or h.get('error')}"]
    L += [f"hw4's own `SimpleCNN` + `make_augmentation` + `train_cnn` cells, one epoch on the first "
          f"{h['images']:,} training images (batch 128, augmentation on, {h.get('threads')} torch threads), "
          "timed inside the process around the `train_cnn` call; plain = the same cells exec'd by a fresh "
          "`python` in the same environment, harness = section 3's nbclient kernel with its memory sampler; "
          "run alternately, back to back.", ""]
    def runs(values, fmt="{:.2f}"):
        return ", ".join("–" if x is None else fmt.format(x) for x in values)

    L += _table(["run", "wall s (each run)", "CPU s (each run)", "minor page faults (each run)"],
                [["plain process", runs(h["plain_s"]), runs(h["plain_cpu_s"]), runs(h.get("plain_faults", []), "{:,}")],
                 ["harness (nbclient kernel)", runs(h["harness_s"]), runs(h["harness_cpu_s"]),
                  runs(h.get("harness_faults", []), "{:,}")]])
    return L + ["", f"harness / plain (medians): **{h['ratio']:.2f}x** wall, {h['cpu_ratio']:.2f}x CPU."]


def _section_floors(sec):
    r = sec["rates_gflops"]
    L = [f"sgemm throughput (float32, 2 threads, best of the shapes below): PyTorch **{r['torch']:.0f} GFLOP/s**, "
         f"NumPy's BLAS **{r['numpy']:.0f} GFLOP/s**. Floor = the epoch's forward + backward FLOPs "
         "(dense: 6 x weights x images; convolution: 3 x 2 k^2 C_in C_out H W x images) at that rate; "
         "activations, pooling, normalisation, the optimizer, augmentation and per-epoch evaluation are "
         "not counted, so they are part of the multiple.", ""]
    L += _table(["product (M x K) @ (K x N)", "M, K, N", "PyTorch GFLOP/s", "NumPy GFLOP/s"],
                [[s["what"], f"{s['m']}, {s['k']}, {s['n']}", _fmt(s["torch_gflops"], 1), _fmt(s["numpy_gflops"], 1)]
                 for s in sec["sgemm"]])
    L += ["", ""]
    L += _table(["epoch of", "library", "GFLOP / epoch", "floor s", "measured s / epoch", "x floor", "measured by"],
                [[x["what"], x["library"], _fmt(x["gflop_per_epoch"], 1), _fmt(x["floor_s"], 2),
                  _fmt(x["measured_s"], 2), _fmt(x["multiple"], 1, "x"), x["measured_by"]] for x in sec["rows"]])
    return L + [""]


def _section_footprint(sec):
    from .footprint import markdown as rows

    L = [f"`run_autograder` of each solution from its installed zip, in a cgroup box of "
         f"{sec['cpus']:g} CPU and a {sec['cap_mb']} MB cap; peak = the box's memory high-water "
         "mark (grader + kernels + the page cache they touch); 'promised' is `box_memory_mb` in "
         "course/course.toml (tests/test_box.py holds the 768 MB ones to it).", ""]
    L += _table(*rows(sec))
    if sec.get("not_measured"):
        L += ["", f"Not measured for lack of time: {', '.join(sec['not_measured'])}."]
    return L + [""]


def _section_course_numbers(sec):
    L = _table(["course material", "reported", "split", "this run: test", "this run: val", "measured by", "note"],
               [[r["what"], _pct(r["reported"]), r["reported_split"], _pct(r["measured_test"]),
                 _pct(r["measured_val"]), r["measured_by"] or f"– ({r['reason']})", r["note"]]
                for r in sec["rows"]])
    return L + [""]
