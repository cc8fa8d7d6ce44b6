"""The notebook a student gets back: their cells and outputs, each test's verdict.

Hidden tests' source never appears (test cells keep only their visible part) and
messages come from the checks, not from tracebacks of the test code.
"""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from .grading.assemble import StepKind
from .hidden_markers import hidden_markers
from .report import MINI_LABEL


def verdict_outputs(test):
    """Outputs for a test cell: nbgrader scores an ``error`` output 0, anything else full."""
    if test.passed:
        text = (test.output or "") + f"passed ({test.score:g}/{test.max_score:g} points)\n"
        return [new_output("stream", name="stdout", text=text)]
    message = test.message or "failed"
    return [new_output("error", ename="TestFailed", evalue=message.splitlines()[0],
                       traceback=[f"Test {test.grade_id} failed (0/{test.max_score:g} points):"]
                       + message.splitlines())]


def feedback_notebook(result, source_nb, markers=None):
    """An nbformat v4 notebook for nbgrader's feedback step.

    ``markers``: the hidden-test markers (default: the course's nbgrader configuration).
    """
    nb = new_notebook(metadata=dict(source_nb.metadata))
    tests = {t.grade_id: t for t in result.tests}
    if result.plan is None:
        nb.cells.append(new_markdown_cell(f"**Your submission could not be graded:** {result.error}"))
        for cell in source_nb.cells:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid in tests:
                c = new_code_cell("# (this test could not run)", metadata=dict(cell.metadata))
                c.outputs = verdict_outputs(tests[gid])
                nb.cells.append(c)
        return nb
    subset = [f"- {MINI_LABEL}: accuracies are held to the lower bars set for the mini subset"] \
        if getattr(result, "data_subset", "") == "mini" else []
    if result.notes or result.flags or subset:
        notes = "\n".join(subset + [f"- {n}" for n in result.notes]
                          + [f"- **flagged:** {f}" for f in result.flags])
        nb.cells.append(new_markdown_cell(f"**Notes from the grader**\n\n{notes}"))
    markers = markers or hidden_markers()
    for pos, step in enumerate(result.plan.steps):
        meta = dict(step.metadata)
        if step.kind == StepKind.TEXT:
            nb.cells.append(new_markdown_cell(step.source, metadata=meta))
        elif step.kind == StepKind.RUN:
            cell = new_code_cell(step.source, metadata=meta)
            cell.outputs = [nbformat.from_dict(o) for o in result.outputs.get(pos, [])]
            nb.cells.append(cell)
        else:
            cell = new_code_cell(step.visible_source(markers), metadata=meta)
            if step.grade_id in tests:
                cell.outputs = verdict_outputs(tests[step.grade_id])
            nb.cells.append(cell)
    return nb
