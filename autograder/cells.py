"""nbgrader cell metadata: which cells are answers, tests, written answers; substitutions."""
import copy

import nbformat


def nbgrader_meta(cell):
    """The cell's ``metadata.nbgrader`` dict (empty if it has none)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell):
    return nbgrader_meta(cell).get("grade_id")


def is_answer(cell):
    """An autograded answer cell: code the student writes."""
    m = nbgrader_meta(cell)
    return cell.cell_type == "code" and m.get("solution", False) and not m.get("grade", False)


def is_test(cell):
    """An autograder tests cell (code, graded, not a solution)."""
    m = nbgrader_meta(cell)
    return cell.cell_type == "code" and m.get("grade", False) and not m.get("solution", False)


def is_manual(cell):
    """A manually graded answer (written or code)."""
    m = nbgrader_meta(cell)
    return m.get("grade", False) and m.get("solution", False)


def points(cell):
    return float(nbgrader_meta(cell).get("points", 0) or 0)


def read(path):
    """Read a notebook as nbformat v4."""
    return nbformat.read(str(path), as_version=4)


def test_cells(nb):
    """``[(index, cell)]`` of the autograder test cells, in order."""
    return [(i, c) for i, c in enumerate(nb.cells) if is_test(c)]


def test_points(nb):
    """``[(grade_id, points)]`` of the autograder test cells, in order: what a grading of
    this notebook can give."""
    return [(grade_id(c), points(c)) for _, c in test_cells(nb)]


def answer_cells(nb):
    """``{grade_id: index}`` of the autograded answer cells."""
    return {grade_id(c): i for i, c in enumerate(nb.cells) if is_answer(c)}


def substitute(nb, replacements):
    """A copy of ``nb`` whose answer cells ``{grade_id: source}`` have new sources."""
    nb = copy.deepcopy(nb)
    ids = answer_cells(nb)
    unknown = sorted(set(replacements) - set(ids))
    if unknown:
        raise KeyError(f"no autograded answer cell with grade_id {', '.join(unknown)}; "
                       f"the notebook has: {', '.join(sorted(ids))}")
    for gid, source in replacements.items():
        nb.cells[ids[gid]].source = source
    return nb


def blank(nb):
    """The notebook a student starts from: solutions replaced by stubs, hidden tests kept."""
    from nbgrader.preprocessors import ClearSolutions

    nb = copy.deepcopy(nb)
    nb, _ = ClearSolutions().preprocess(nb, {"language": "python"})
    return nb
