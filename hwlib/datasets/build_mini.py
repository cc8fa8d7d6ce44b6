"""Build the shipped mini subsets from the full official files.

    python -m hwlib.datasets.build_mini --data ../shared/data

Takes a class-balanced, seeded sample (600 per class from train, 100 per class from test),
writes the four IDX ``.gz`` files per dataset into ``hwlib/datasets/mini/<dataset>/`` with a
fixed gzip header (mtime 0) so the bytes are reproducible, and records their md5s in
``mini/checksums.json``. See ``mini/SOURCES.md`` for provenance and licences.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Sequence

import numpy as np

from ._fetch import IdxKind, PathArg, md5sum
from ._idx import IMAGE_MAGIC, LABEL_MAGIC
from ._resources import SPECS
from .loaders import MINI_DIR, load_dataset

PER_CLASS = {"train": 600, "test": 100}


def balanced_indices(y: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """Sorted indices of ``per_class`` examples of each class, drawn with ``seed``."""
    rng = np.random.default_rng(seed)
    picks = [rng.choice(np.flatnonzero(y == c), per_class, replace=False) for c in np.unique(y)]
    return np.sort(np.concatenate(picks))


def write_idx_gz(path: PathArg, array: np.ndarray, kind: IdxKind) -> None:
    """Write ``array`` as a gzipped IDX file with a reproducible header."""
    magic = IMAGE_MAGIC if kind == "images" else LABEL_MAGIC
    header = magic.to_bytes(4, "big") + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(header + np.asarray(array, np.uint8).tobytes())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="root with mnist/ and fashion-mnist/")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    sums: dict[str, dict[str, str]] = {}  # dataset -> file name -> md5
    for name, spec in SPECS.items():
        (Xtr, ytr), (Xte, yte) = load_dataset(name, data_dir=f"{args.data}/{spec.folder}",
                                              download=False)
        out = MINI_DIR / spec.folder
        out.mkdir(parents=True, exist_ok=True)
        sums[name] = {}
        for split, X, y in (("train", Xtr, ytr), ("test", Xte, yte)):
            idx = balanced_indices(y, PER_CLASS[split], args.seed)
            parts: tuple[tuple[IdxKind, np.ndarray], ...] = (("images", X[idx]), ("labels", y[idx]))
            for kind, arr in parts:
                res = spec.files[(split, kind)]
                write_idx_gz(out / res.filename, arr, kind)
                sums[name][res.filename] = md5sum(out / res.filename)
    (MINI_DIR / "checksums.json").write_text(json.dumps(sums, indent=2, sort_keys=True) + "\n")
    print(json.dumps(sums, indent=2))


if __name__ == "__main__":
    main()
