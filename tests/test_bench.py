"""The benchmark suite (``python -m benchmarks``, ``make bench``): its quick mode end to end,
the RESULT-line parser, and its place outside the package (the package never imports it; it
has no import circle). Benchmarks are scripts, not timed tests: nothing here asserts a speed."""
import ast
import json
import subprocess
import sys
import time

import nbformat
import pytest
from paths import REPO_ROOT

from benchmarks import bench, course_numbers, floors, harness_ratio, machine, notebooks, run
from benchmarks.harness import ResultLineError, parse_results, run_notebook
from benchmarks.notebooks import prints_results
from benchmarks.report import TITLES

SECTIONS = ["data", "numpy_mlp", "notebooks", "grading", "course_numbers", "floors", "footprint"]


def test_result_lines_are_parsed():
    text = ("epoch 1 ...\n"
            "RESULT test_accuracy=0.9812 epochs=5 seconds=61.2\n"
            "noise RESULT name=ignored test_accuracy=0.1\n"
            "RESULT name=fashion_mlp test_accuracy=85.82% val_accuracy=0.86 optimizer=adam\n")
    main, fashion = parse_results(text)
    assert main == {"name": "main", "test_accuracy": 0.9812, "epochs": 5, "seconds": 61.2}
    assert fashion["name"] == "fashion_mlp" and fashion["optimizer"] == "adam"
    assert fashion["test_accuracy"] == pytest.approx(0.8582)
    assert parse_results("no results here\n") == []


@pytest.mark.parametrize("line", ["RESULT test_accuracy=98.12", "RESULT just words",
                                  "RESULT test_accuracy=high"])
def test_bad_result_lines_are_errors(line):
    with pytest.raises(ResultLineError):
        parse_results(line + "\n")


def test_only_notebooks_that_print_result_lines_are_run():
    yes = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'print(f"RESULT test_accuracy={acc:.4f} epochs={EPOCHS}")')])
    no = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("RESULT test_accuracy=1"),
                                         nbformat.v4.new_code_cell("print('TEST accuracy', acc)")])
    assert prints_results(yes) and not prints_results(no)


@pytest.mark.slow
def test_a_failing_or_overlong_notebook_is_recorded_with_what_it_printed(tmp_path):
    cells = [nbformat.v4.new_code_cell('print("RESULT name=early test_accuracy=0.5")'),
             nbformat.v4.new_code_cell("import time; time.sleep(60)")]
    slow = tmp_path / "slow.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(slow))
    res = run_notebook(slow, timeout_s=2)
    assert res["status"] == "timeout" and "time limit" in res["error"]
    assert res["results"] == [{"name": "early", "test_accuracy": 0.5}]

    cells[1] = nbformat.v4.new_code_cell("raise ValueError('broken on purpose')")
    bad = tmp_path / "bad.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(bad))
    res = run_notebook(bad, timeout_s=120)
    assert res["status"] == "error" and "broken on purpose" in res["error"]
    assert res["results"][0]["name"] == "early" and res["peak_rss_mb"] > 0


@pytest.mark.slow
def test_quick_bench_writes_every_section(tmp_path):
    printed = []
    res = bench(tmp_path / "out", quick=True, echo=printed.append)

    data = json.loads((tmp_path / "out" / "results.json").read_text())
    assert data == json.loads(json.dumps(res, default=str))
    assert data["schema"] == "dl-course-bench/1" and data["quick"] and data["complete"]
    for key in ("cpu_model", "logical_cpus", "usable_cpus", "memory_gb"):
        assert data["machine"][key]
    for key in ("python", "numpy", "torch", "tensorflow", "nbgrader"):
        assert data["versions"][key], key
    assert data["date"]["utc"] and data["duration_s"] > 0
    assert list(data["sections"]) == SECTIONS
    for key, sec in data["sections"].items():
        assert sec["status"] == "ok", f"{key}: {sec.get('error') or sec.get('reason')}"
        assert isinstance(sec["seconds"], float)
        assert sec["other_cpu_s"] >= 0 and sec["steal_s"] >= 0      # /proc/stat is there on Linux

    d = data["sections"]["data"]
    assert {r["id"] for r in d["rows"]} >= {"import_hwlib", "load_mnist_cold", "load_mnist_warm"}
    assert all(r["median"] > 0 for r in d["rows"])

    n = data["sections"]["numpy_mlp"]
    assert {r["id"] for r in n["rows"]} >= {"compare_numpy_reference", "compare_torch_cpu"}
    assert n["ratio_numpy_over_torch"] > 0
    assert "train" in n["reference_cells"] and "backward" in n["reference_cells"]
    assert n["profile"]["breakdown"] and n["profile"]["top"]
    for row in n["rows"]:
        assert 0 <= row["test_acc"] <= 1
    assert {t["target"][:5] for t in n["targets"]} == {"NumPy"} and len(n["targets"]) == 3

    g = data["sections"]["grading"]
    assert g["rows"] and all(r["full_marks"] for r in g["rows"]), g["notes"]
    assert g["batch"]["identical_between_runs"] and g["batch"]["identical_across_submissions"]
    assert g["batch"]["workers_1_s"] > 0 and g["batch"]["workers_2_s"] > 0
    assert g["course"]["one_run_s"] > 0

    nb = data["sections"]["notebooks"]
    check = next(r for r in nb["rows"] if r["id"] == "harness_self_check")
    assert check["self_check_ok"] and check["results"][0]["name"] == "self_check"
    assert all(r.get("reason") for r in nb["rows"] if r.get("status") == "skipped")

    c = data["sections"]["course_numbers"]
    assert len(c["rows"]) == 12 and all(r["reported"] for r in c["rows"])
    assert all(r["measured_by"] or r["reason"] for r in c["rows"])
    assert data["targets"] and all("met" in t for t in data["targets"])

    fp = data["sections"]["footprint"]
    assert fp["rows"][0]["fits"] and fp["rows"][0]["peak_mb"] >= 64, fp

    f = data["sections"]["floors"]
    assert f["rates_gflops"]["torch"] > 0 and f["rates_gflops"]["numpy"] > 0
    assert len(f["sgemm"]) == len(floors.SHAPES)

    md = (tmp_path / "out" / "RESULTS.md").read_text()
    assert md.startswith("# Benchmarks") and "## Targets" in md
    for title in TITLES.values():
        assert f"## {title}" in md, title
    for what in (data["machine"]["cpu_model"], data["versions"]["numpy"], data["versions"]["torch"],
                 data["versions"]["tensorflow"], data["versions"]["nbgrader"], "Quick mode"):
        assert what in md, what
    assert md.count("\n|---") >= 8          # the tables are there
    assert not list((tmp_path / "out").glob("*.part"))      # written atomically


@pytest.mark.slow
@pytest.mark.needs_data
def test_hw5_results_slice_prints_its_measured_results(data_root, monkeypatch):
    """hw5 trains nothing, so its RESULT lines report its two measurements: the step network's
    error against the bound max|f'| B/N, and the per-layer variance factor of deep ReLU nets."""
    from autograder.course import source_notebook
    from benchmarks.notebooks import results_slice

    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    path = source_notebook("hw5_initialization")
    sliced, kept = results_slice(nbformat.read(str(path), as_version=4))
    assert 0 < kept < sum(c.cell_type == "code" for c in nbformat.read(str(path), as_version=4).cells)
    res = run_notebook(path, timeout_s=300, nb=sliced)
    assert res["status"] == "ok", res["error"]
    by_name = {r["name"]: r for r in res["results"]}
    assert set(by_name) == {"riemann", "main"}
    riemann, main = by_name["riemann"], by_name["main"]
    assert 0 < riemann["max_error"] <= 1.001 * riemann["bound"] and -1.1 < riemann["slope"] < -0.9
    assert (main["depth"], main["width"], main["images"]) == (20, 256, 1000)
    assert 0.9 < main["relu_he_factor"] < 1.1          # He keeps the variance (theory: 1)
    assert 0.45 < main["relu_lecun_factor"] < 0.55     # LeCun halves it per ReLU layer
    assert main["seconds"] > 0


def test_floor_arithmetic_counts_dense_and_conv_flops():
    # dense: 6 x weights x images; 784-512-256-10 has 401,408 + 131,072 + 2,560 weights
    assert floors.dense_weights([784, 512, 256, 10]) == 535_040
    assert floors.dense_epoch_flops([784, 512, 256, 10], images=2) == 6 * 535_040 * 2
    # SimpleCNN per image: 3 x (conv1 2*9*1*32*28*28 + conv2 2*9*32*64*14*14) + 6 x (3136*128 + 128*10)
    assert floors.conv_forward_flops(3, 32, 64, 14, 14) == 7_225_344
    assert floors.simple_cnn_epoch_flops(images=1) == 3 * (451_584 + 7_225_344) + 6 * 402_688
    row = floors.floor_row("x", "torch", 2e12, 100.0, 50.0, "here")
    assert (row["floor_s"], row["multiple"], row["gflop_per_epoch"]) == (20.0, 2.5, 2000.0)
    assert floors.floor_row("x", "torch", 2e12, None, 50.0, "here")["multiple"] is None


def test_floor_table_reads_section_2_curves_and_section_3_result_lines():
    sections = {
        "numpy_mlp": {"curves": {"hw1_main": {"n_train": 55_000, "points": [
            {"epoch": 1, "seconds": 2.5}, {"epoch": 4, "seconds": 10.0}]}}},
        "notebooks": {"rows": [{"id": "hw4_cnn", "results": [
            {"name": "main", "test_accuracy": 0.995, "epochs": 10, "seconds": 200.0}]},
            {"id": "hw6_regularization", "status": "skipped", "reason": "no source notebook yet"}]},
    }
    rows = {r["measured_by"]: r for r in floors.table(sections, {"torch": 100.0, "numpy": 50.0})}
    cnn = rows["section 3, hw4_cnn RESULT name=main"]
    floor = floors.simple_cnn_epoch_flops() / 100e9
    assert cnn["floor_s"] == pytest.approx(floor, abs=0.01) and cnn["measured_s"] == 20.0
    assert cnn["multiple"] == pytest.approx(20.0 / floor, abs=0.1)
    hw1 = rows["section 2, hw1_main"]
    assert hw1["library"] == "numpy" and hw1["measured_s"] == 2.5
    assert hw1["floor_s"] == pytest.approx(floors.dense_epoch_flops([784, 512, 10]) / 50e9, abs=0.01)
    assert len(rows) == 2          # the skipped hw6 has no row


def test_harness_ratio_row_is_a_ratio_of_medians_against_1_1():
    assert harness_ratio.ratio([10.0, 12.0, 11.0], [11.0, 13.0, 12.0]) == pytest.approx(12.0 / 11.0)
    assert harness_ratio.ratio([], [1.0]) is None
    ok = {"ratio": 1.05, "plain_s": [10.0, 10.2], "harness_s": [10.6, 10.4], "images": 5120}
    bad = dict(ok, ratio=1.7, harness_s=[17.0, 17.4])
    assert harness_ratio.target_row(ok)["met"] is True and "1.05x" in harness_ratio.target_row(ok)["measured"]
    assert harness_ratio.target_row(bad)["met"] is False
    missing = harness_ratio.target_row({"status": "skipped", "reason": "no hw4_cnn source notebook"})
    assert missing["met"] is None and "no hw4_cnn source notebook" in missing["measured"]


def test_machine_cpu_times_count_this_process_busy_loop():
    before = machine.cpu_times()
    spin_until = time.process_time() + 0.3
    while time.process_time() < spin_until:
        pass
    after = machine.cpu_times()
    assert after["busy"] - before["busy"] >= 0.25          # our own 0.3 CPU-s are in there
    assert after["steal"] >= before["steal"] >= 0


def test_cpu_taken_by_other_processes_is_a_target_row():
    sec, total = {"cpu_s": 100.0, "seconds": 1000.0}, {"other_cpu_s": 0.0, "steal_s": 0.0, "wall_s": 0.0}
    run._outside(sec, {"busy": 1000.0, "steal": 5.0}, {"busy": 1190.0, "steal": 7.0}, total)
    assert sec["other_cpu_s"] == 90.0 and sec["steal_s"] == 2.0 and total["other_cpu_s"] == 90.0
    graded = {"cpu_s": 10.0, "seconds": 50.0}        # a sandboxed section: shown, not summed
    run._outside(graded, {"busy": 0.0, "steal": 0.0}, {"busy": 100.0, "steal": 0.0}, None)
    assert graded["other_cpu_s"] == 90.0 and graded["other_cpu_includes_sandboxes"]
    assert total["other_cpu_s"] == 90.0 and total["wall_s"] == 1000.0
    res = {"machine": {"usable_cpus": 2},
           "outside": {"other_cpu_s": 90.0, "steal_s": 2.0, "wall_s": 1000.0}}
    row = run.outside_target(res)
    assert row["met"] is True and "4.5% of 2 CPUs" in row["measured"]        # 90 / (2 x 1000)
    res["outside"]["other_cpu_s"] = 150.0                                      # 7.5 % > 5 %
    assert run.outside_target(res)["met"] is False
    assert run.outside_target({"machine": {"usable_cpus": 2}})["met"] is None


def test_harness_workload_is_cut_from_hw4s_own_cells():
    from autograder.course import source_notebook

    nb = nbformat.read(str(source_notebook("hw4_cnn")), as_version=4)
    sources = harness_ratio.workload_cells(nb, images=256)
    defined = "\n".join(sources[:-1])
    for name in ("class SimpleCNN", "def train_cnn", "def make_augmentation", "X_train"):
        assert name in defined, name
    assert "X_train[:256]" in sources[-1] and "RESULT name=workload" in sources[-1]
    assert not any("HIDDEN TESTS" in s for s in sources)          # no test cell
    script = harness_ratio.plain_script(["%matplotlib inline\nx = 1", "!ls\ny = x"])
    assert "%" not in script and "!ls" not in script and "x = 1" in script and "y = x" in script


def test_course_numbers_map_the_new_result_lines():
    def row(aid, *results):
        return {"id": aid, "status": "ok", "results": list(results)}

    sections = {"notebooks": {"status": "ok", "rows": [
        row("hw1_numpy_backprop", {"name": "softmax_lr1", "test_accuracy": 0.90},
            {"name": "softmax_lr0.01", "test_accuracy": 0.92}, {"name": "softmax_lr1e-5", "test_accuracy": 0.70}),
        row("hw3_pytorch_mlp", {"name": "manual_mlp", "val_accuracy": 0.979, "test_accuracy": 0.98},
            {"name": "bn_dropout", "val_accuracy": 0.981, "test_accuracy": 0.982}),
        {"id": "hw6_regularization", "status": "skipped", "reason": "in course/course.toml but no source notebook yet"},
    ]}}
    rows = {r["id"]: r for r in course_numbers.run(sections)["rows"]}
    assert [rows[k]["measured_test"] for k in ("softmax_lr1", "softmax_lr0.01", "softmax_lr1e-5")] == [0.9, 0.92, 0.7]
    assert rows["softmax_lr0.01"]["reported"] == 0.9214
    assert (rows["torch_512_128"]["measured_val"], rows["bn_dropout_ffn"]["measured_val"]) == (0.979, 0.981)
    assert rows["torch_512_128"]["measured_by"] == "section 3, hw3_pytorch_mlp RESULT name=manual_mlp"
    deep = rows["deep_mlp_aug"]
    assert deep["measured_test"] is None and "no source notebook yet" in deep["reason"]
    assert all(r["measured_by"] or r["reason"] for r in rows.values())


def test_notebooks_come_from_the_manifest_and_a_missing_one_is_named(tmp_path):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.toml").write_text(
        '[course]\nid = "t"\ntitle = "t"\n'
        '[[assignment]]\nid = "b_second"\ntitle = "b"\nweek = 1\nbudget_seconds = 10\n'
        '[[assignment]]\nid = "a_first"\ntitle = "a"\nweek = 2\nbudget_seconds = 10\n'
        '[[assignment]]\nid = "c_later"\ntitle = "c"\nweek = 3\nbudget_seconds = 10\n')
    for aid in ("a_first", "b_second"):
        (tmp_path / "source" / aid).mkdir(parents=True)
        nbformat.write(nbformat.v4.new_notebook(), str(tmp_path / "source" / aid / f"{aid}.ipynb"))
    assert notebooks.notebook_ids(tmp_path) == (["b_second", "a_first"], ["c_later"])
    hw6 = [t for t in notebooks.targets({"rows": []}) if t["target"].startswith("hw6 deep MLP")]
    assert hw6 and hw6[0]["target"].endswith(">= 99.2% MNIST test within 10 min") and hw6[0]["met"] is None


@pytest.mark.slow
@pytest.mark.needs_data
def test_harness_ratio_runs_the_workload_in_both(data_root, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    from autograder.course import course_root

    res = harness_ratio.run(course_root(), quick=True, echo=lambda *_: None)
    assert res["status"] == "ok", res.get("error")
    assert res["images"] == harness_ratio.QUICK_IMAGES and res["threads"] >= 1
    assert len(res["plain_s"]) == len(res["harness_s"]) == 1 and min(res["plain_s"] + res["harness_s"]) > 0
    assert res["ratio"] == pytest.approx(res["harness_s"][0] / res["plain_s"][0], rel=1e-2)
    assert all(isinstance(n, int) and n > 0 for n in res["plain_faults"] + res["harness_faults"])


def test_the_footprint_section_renders_and_states_its_targets():
    from benchmarks import footprint
    from benchmarks.report import _section_footprint

    row = {"assignment": "hw1_numpy_backprop", "budget_s": 90, "promised_mb": 768, "peak_mb": 700.0,
           "seconds": 120.0, "score": 35.0, "max_score": 35.0, "oom_kills": 0, "layer": "v1", "fits": True}
    sec = {"status": "ok", "cpus": 0.5, "cap_mb": 4096, "rows": [row, {**row, "assignment": "hw4_cnn",
                                                                      "peak_mb": 1700.0, "fits": False}],
           "not_measured": ["hw6_regularization"]}
    text = "\n".join(_section_footprint(sec))
    assert "| hw1_numpy_backprop | 700 | 768 | 120 | 35/35 | yes |" in text
    assert "| hw4_cnn | 1700 | 768 | 120 | 35/35 | **NO** |" in text
    assert "Not measured for lack of time: hw6_regularization." in text
    assert [t["met"] for t in footprint.targets(sec)] == [True, False]


def _imports(package):
    """``{module: modules of the repository it imports}`` for every module of ``package``
    (lazy imports inside functions included; relative imports resolved; ``from p import m``
    counts as importing the module ``p.m`` when there is one, else ``p``)."""
    ours = ("hwlib", "autograder", "benchmarks")
    files = {}
    for path in sorted((REPO_ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in files.items():
        here = name.split(".") if path.stem == "__init__" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = (".".join(here[:len(here) - node.level + 1] + [node.module or ""]).strip(".")
                        if node.level else node.module)
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names}
        graph[name] = {m for m in found if m.split(".")[0] in ours}
    return graph


def test_the_package_never_imports_the_benchmarks_and_they_form_no_circle():
    package = {**_imports("autograder"), **_imports("hwlib")}
    assert not {m: [i for i in imp if i.split(".")[0] == "benchmarks"]
                for m, imp in package.items() if any(i.split(".")[0] == "benchmarks" for i in imp)}
    graph = _imports("benchmarks")
    assert {"benchmarks.notebooks", "benchmarks.harness_ratio", "benchmarks.harness"} <= set(graph)
    edges = {m: {i for i in imp if i in graph and i != m} for m, imp in graph.items()}
    state = {}

    def visit(m, path):
        state[m] = "open"
        for n in sorted(edges[m]):
            assert state.get(n) != "open", f"import circle: {' -> '.join(path + [n])}"
            if n not in state:
                visit(n, path + [n])
        state[m] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])


def test_the_suite_runs_from_the_repository_root_not_from_the_package():
    helped = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and "--quick" in helped.stdout, helped.stderr
    gone = subprocess.run([sys.executable, "-m", "autograder", "bench", "--help"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert gone.returncode != 0 and "invalid choice: 'bench'" in gone.stderr
