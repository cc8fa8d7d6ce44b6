"""Where a dataset's official files are: the public answer for tools that ship or check
them (the grader's data check, the Gradescope package builder)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ._fetch import locate
from ._resources import SPECS

if TYPE_CHECKING:
    from ._fetch import PathArg

DATASET_NAMES = tuple(SPECS)   # "mnist", "fashion-mnist"


class DataFile(NamedTuple):
    """One verified IDX ``.gz`` file: ``relpath`` as under ``$HWLIB_DATA`` (e.g.
    ``"mnist/t10k-images-idx3-ubyte.gz"``), where it was found, and its md5."""

    relpath: str
    path: Path
    md5: str


def find_files(name: str, data_root: PathArg | None = None, download: bool = True) -> list[DataFile]:
    """The four files of dataset ``name``, found where :func:`load_dataset` looks (first
    ``data_root/<folder>/`` when given), verified by md5, downloaded into the cache only if
    ``download`` (and ``$HWLIB_OFFLINE`` is not 1).

    Raises:
        ValueError: ``name`` is not one of :data:`DATASET_NAMES`.
        DatasetNotFoundError: listing every place searched and how to fix it.
        DatasetChecksumError: a file that was found is corrupt.
    """
    if name not in SPECS:
        raise ValueError(f"unknown dataset {name!r}; known: {', '.join(DATASET_NAMES)}")
    spec = SPECS[name]
    data_dir = Path(data_root) / spec.folder if data_root is not None else None
    found = locate(spec, data_dir=data_dir, download_ok=download)
    return [DataFile(f"{spec.folder}/{res.filename}", found[key], res.md5)
            for key, res in sorted(spec.files.items())]
