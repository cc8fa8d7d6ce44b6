"""The lecture demos in course/demos/ run top to bottom and show what their text promises.

Each notebook is executed once (a temp copy, kernel python3, 120 s per cell) with
HWLIB_NO_PROGRESS=1 and MPLBACKEND=Agg (the notebooks select the inline backend
themselves, so figures are still captured as PNGs). The tests then read the outputs of
cells found by their tags (cell metadata "tags"), so reordering cells does not break them:

- ``autograd-sum``, ``autograd-product``, ``autograd-matrix`` (pytorch_basics),
- ``param-count`` (keras_basics),
- ``test-accuracy`` (both): a line ``test accuracy: 0.8362``.

The run is instrumented by ``tests/figure_check.py`` (a first and a last cell added), so
the same execution also shows that every figure has a title and labelled axes.
"""
import os
import re
import shutil
import time
from unittest import mock

import figure_check
import pytest
from paths import REPO_ROOT

DEMOS = REPO_ROOT / "course" / "demos"
NOTEBOOKS = ["pytorch_basics", "keras_basics"]
CELL_TIMEOUT_S = 120
MIN_TEST_ACCURACY = 0.80
# The only stderr a demo may print: TensorFlow's import-time oneDNN notice, which
# TF_CPP_MIN_LOG_LEVEL no longer silences (tensorflow/tensorflow#100442).
ALLOWED_STDERR = re.compile(r"oneDNN custom operations are on|absl::InitializeLog")

_RUNS = {}  # name -> (executed notebook, seconds) or the exception it raised


def _execute(name, data_root, workdir):
    import nbformat
    from nbclient import NotebookClient

    workdir.mkdir(parents=True, exist_ok=True)
    path = shutil.copy(DEMOS / f"{name}.ipynb", workdir / f"{name}.ipynb")
    nb = figure_check.instrument(nbformat.read(path, as_version=4))
    env = {"HWLIB_DATA": str(data_root), "HWLIB_NO_PROGRESS": "1", "MPLBACKEND": "Agg",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    with mock.patch.dict(os.environ, env):
        os.environ.pop("HWLIB_GRADING", None)
        client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                allow_errors=True, resources={"metadata": {"path": str(workdir)}})
        start = time.perf_counter()
        client.execute()
        elapsed = time.perf_counter() - start
    nbformat.write(nb, workdir / f"{name}.executed.ipynb")
    return nb, elapsed


@pytest.fixture
def demo(data_root, tmp_path_factory):
    """demo(name) -> (executed notebook, seconds); each notebook runs once per session."""
    def run(name):
        if name not in _RUNS:
            try:
                _RUNS[name] = _execute(name, data_root, tmp_path_factory.mktemp(name))
            except Exception as exc:  # don't re-run a broken notebook for every test
                _RUNS[name] = exc
        if isinstance(_RUNS[name], Exception):
            raise _RUNS[name]
        return _RUNS[name]
    return run


def _tagged(nb, tag):
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected exactly one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def _stdout(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.output_type == "stream" and o.name == "stdout")


def _number(pattern, text, what):
    match = re.search(pattern, text)
    assert match, f"{what}: no line matching {pattern!r} in the output:\n{text}"
    return float(match.group(1))


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_demo_runs_and_reaches_the_promised_accuracy(name, demo):
    nb, elapsed = demo(name)
    print(f"{name}: executed in {elapsed:.1f} s")
    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{name}: cells raised errors (cell index, exception, message): {errors}"
    stderr = [(i, line) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "stream" and o.name == "stderr"
              for line in o.text.splitlines() if line.strip() and not ALLOWED_STDERR.search(line)]
    assert not stderr, f"{name}: unexpected stderr (warnings?) in cells: {stderr[:5]}"

    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, f"{name}: no figure was rendered as image/png"

    text = _stdout(_tagged(nb, "test-accuracy"))
    accuracy = _number(r"test accuracy: (\d+\.\d+)", text, name)
    print(f"{name}: test accuracy {accuracy:.4f}, {len(images)} figures")
    assert MIN_TEST_ACCURACY <= accuracy <= 1.0, \
        f"{name}: test accuracy {accuracy:.4f} < {MIN_TEST_ACCURACY} (a linear model gets ~0.84)"


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_demo_figures_have_a_title_and_labelled_axes(name, demo):
    nb, _ = demo(name)
    found = figure_check.problems(nb)
    assert not found, "\n".join(f"{name} code cell {p['cell']}, {p['figure']!r}: {p['problem']}"
                                for p in found)


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("tag, y, da, db", [
    ("autograd-sum", 5.0, 1.0, 1.0),        # y = a + b at a=2, b=3: dy/da = dy/db = 1
    ("autograd-product", 12.0, 12.0, 4.0),  # y = a^2 b: dy/da = 2ab = 12, dy/db = a^2 = 4
])
def test_pytorch_demo_prints_the_hand_derivatives(tag, y, da, db, demo):
    nb, _ = demo("pytorch_basics")
    text = _stdout(_tagged(nb, tag))
    assert _number(r"^y = .*= (-?\d+\.\d+)$", text.splitlines()[0], tag) == y
    assert _number(r"dy/da = (-?\d+\.\d+)", text, tag) == da
    assert _number(r"dy/db = (-?\d+\.\d+)", text, tag) == db
    assert _number(r"dy/da = \S+\s+\(by hand: (?:.*= )?(-?\d+(?:\.\d+)?)\)", text, tag) == da


@pytest.mark.slow
@pytest.mark.needs_data
def test_pytorch_demo_matrix_gradients_match_the_formulas(demo):
    nb, _ = demo("pytorch_basics")
    text = _stdout(_tagged(nb, "autograd-matrix"))
    for grad, shape in [("dz/dA", "(3, 4)"), ("dz/dx", "(4,)"), ("dz/db", "(3,)")]:
        assert f"{grad}: shape {shape}, matches the formula: True" in text, text
    assert "False" not in text
    # dz/dx must equal the column sums of A, printed on the next two lines.
    rows = dict(line.split(":", 1) for line in text.splitlines() if line.startswith(("dz/dx (", "column")))
    assert rows["dz/dx (autograd)"].split() == rows["column sums of A"].split(), text


@pytest.mark.slow
@pytest.mark.needs_data
def test_keras_demo_counts_7850_parameters(demo):
    nb, _ = demo("keras_basics")
    text = _stdout(_tagged(nb, "param-count"))
    assert "total: 7,850 parameters (by hand: 784*10 + 10 = 7,850)" in text, text
    summary = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "")
                      for c in nb.cells if c.cell_type == "code" and "model.summary()" in c.source
                      for o in c.outputs)
    assert "7,850" in summary, f"model.summary() did not show 7,850 parameters:\n{summary[:2000]}"
