"""Read a submitted notebook without trusting it: every failure becomes a clear message."""
import json
from pathlib import Path

import nbformat

MAX_BYTES = 100 << 20


class SubmissionError(Exception):
    """The file is not a usable notebook; the message tells the student what to do."""


def read_submission(path):
    """The submission as an nbformat v4 notebook (older nbformats are upgraded)."""
    path = Path(path)
    if not path.is_file():
        raise SubmissionError(f"no notebook at {path.name}: submit the assignment's .ipynb file")
    size = path.stat().st_size
    if size == 0:
        raise SubmissionError(f"{path.name} is empty (0 bytes): save the notebook in JupyterLab "
                              "and submit it again")
    if size > MAX_BYTES:
        raise SubmissionError(f"{path.name} is {size >> 20} MB, over the {MAX_BYTES >> 20} MB limit: "
                              "clear the outputs (Edit → Clear Outputs of All Cells) and resubmit")
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SubmissionError(f"{path.name} is not a text file: is it really a notebook?") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"{path.name} is not valid notebook JSON (line {exc.lineno}, column "
                              f"{exc.colno}: {exc.msg}): the file is corrupt; download the notebook "
                              "again from JupyterLab (File → Download) and resubmit") from None
    if not isinstance(data, dict) or "cells" not in data and "worksheets" not in data:
        raise SubmissionError(f"{path.name} is JSON but not a Jupyter notebook (no cells)")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds
        raise SubmissionError(f"{path.name} could not be read as a notebook ({exc})") from None
    for cell in nb.cells:
        if not isinstance(cell.get("source", ""), str):
            raise SubmissionError(f"{path.name}: a cell's source is not text")
    return nb
