"""The benchmark suite (``python -m autograder bench``): its quick mode end to end, and the
RESULT-line parser. Benchmarks are scripts, not timed tests: nothing here asserts a speed."""
import json

import nbformat
import pytest

from autograder.bench import bench
from autograder.bench.notebooks import ResultLineError, parse_results, prints_results, run_notebook
from autograder.bench.report import TITLES

SECTIONS = ["data", "numpy_mlp", "notebooks", "grading", "course_numbers"]


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
    assert len(c["rows"]) == 9 and all(r["reported"] for r in c["rows"])
    assert all(r["measured_by"] or r["reason"] for r in c["rows"])
    assert data["targets"] and all("met" in t for t in data["targets"])

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
    from autograder.bench.notebooks import results_slice
    from autograder.course import source_notebook

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
