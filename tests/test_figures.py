"""Every figure of every notebook has a title and labelled axes (tests/figure_check.py).

The source notebooks run once each, in their grading configuration (HWLIB_GRADING=1,
the same cells and plots as a student's full run, on less data). The lecture demos are
checked where they already run, in test_course_demos.py.
"""
import os
import shutil
from unittest import mock

import figure_check
import nbformat
import pytest
from paths import REPO_ROOT

from autograder.course import assignments, source_notebook

CELL_TIMEOUT_S = 300


def run_instrumented(nb, workdir, env):
    from nbclient import NotebookClient

    nb = figure_check.instrument(nb)
    with mock.patch.dict(os.environ, env):
        NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                       resources={"metadata": {"path": str(workdir)}}).execute()
    return figure_check.problems(nb)


def test_the_check_names_each_missing_title_and_label(tmp_path):
    cells = [
        "import matplotlib.pyplot as plt\nimport numpy as np",
        # complete: title and both labels
        "fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set(title='t', xlabel='x', ylabel='y')\nplt.show()",
        # no title, no y label; shown by the inline backend at the end of the cell
        "fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set_xlabel('epoch')",
        # an image grid: axes off, a suptitle: nothing to label
        "fig, axes = plt.subplots(1, 2)\nfor a in axes:\n    a.imshow(np.eye(3))\n    a.axis('off')\n"
        "fig.suptitle('digits')\nplt.show()",
        # a colorbar needs no labels; the image axes does
        "fig, ax = plt.subplots()\nim = ax.imshow(np.eye(3))\nfig.colorbar(im)\nax.set_title('cm')\n"
        "ax.set_ylabel('true')\nplt.show()",
        # two panels: a digit without ticks needs no labels, the curve beside it does
        "fig, (a, b) = plt.subplots(1, 2)\na.imshow(np.eye(3))\na.set(xticks=[], yticks=[])\n"
        "b.plot([1, 2])\nb.set_xlabel('step')\nfig.suptitle('both')\nplt.show()",
        # sharey: one y label for the row is enough
        "fig, axes = plt.subplots(1, 3, sharey=True)\nfor a in axes:\n    a.plot([1, 2])\n"
        "    a.set_xlabel('x')\naxes[0].set_ylabel('y')\nfig.suptitle('row')\nplt.show()",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    found = run_instrumented(nb, tmp_path, {"MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    assert [(p["cell"], p["problem"]) for p in found] == [
        (3, "no title"), (3, "every axes of 1: no y label"), (5, "every axes of 1: no x label"),
        (6, "axes 2 of 2: no y label")]


@pytest.mark.slow
@pytest.mark.needs_data
@pytest.mark.parametrize("aid", assignments(REPO_ROOT))
def test_every_figure_has_a_title_and_labelled_axes(aid, data_root, tmp_path):
    path = source_notebook(aid, REPO_ROOT)
    for extra in path.parent.iterdir():
        if extra.is_file() and extra.suffix != ".ipynb":
            shutil.copy2(extra, tmp_path)
    env = {"HWLIB_DATA": str(data_root), "HWLIB_GRADING": "1", "HWLIB_NO_PROGRESS": "1",
           "TF_CPP_MIN_LOG_LEVEL": "2", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    found = run_instrumented(nbformat.read(str(path), as_version=4), tmp_path, env)
    assert not found, "\n".join(f"{aid} code cell {p['cell']}, {p['figure']!r}: {p['problem']}"
                                for p in found)
