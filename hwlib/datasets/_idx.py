"""Decode IDX files (the MNIST file format): a big-endian header, then uint8 data."""
import gzip
import zlib

import numpy as np

IMAGE_MAGIC = 2051  # dims (n, rows, cols)
LABEL_MAGIC = 2049  # dims (n,)


class DatasetFormatError(ValueError):
    """A data file is not the IDX file it should be (wrong magic, shape or size)."""


def read_idx_gz(path, kind):
    """Read one gzipped IDX file.

    Args:
        path: path of the ``.gz`` file.
        kind: ``"images"`` (returns uint8 ``(n, 28, 28)``) or ``"labels"`` (int64 ``(n,)``).
    Raises:
        DatasetFormatError: naming the file, if it is not valid gzip or not the expected IDX.
    """
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetFormatError(
            f"{path}: not a readable gzip file ({exc}). Delete it and load again "
            "to re-fetch it, or replace it with the official file."
        ) from None
    return decode_idx(raw, kind, path)


def decode_idx(raw, kind, path="<bytes>"):
    """Decode the bytes of an uncompressed IDX file; see :func:`read_idx_gz`."""
    magic, ndim = (IMAGE_MAGIC, 3) if kind == "images" else (LABEL_MAGIC, 1)
    header = 4 + 4 * ndim
    found = int.from_bytes(raw[:4], "big") if len(raw) >= 4 else None
    if found != magic:
        raise DatasetFormatError(
            f"{path}: IDX magic number is {found}, expected {magic} for {kind}. "
            "Is this the right file (images vs labels, or not an MNIST file at all)?"
        )
    if len(raw) < header:
        raise DatasetFormatError(f"{path}: only {len(raw)} bytes, too short for an IDX header.")
    dims = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    if kind == "images" and dims[1:] != (28, 28):
        raise DatasetFormatError(f"{path}: images are {dims[1]}x{dims[2]}, expected 28x28.")
    expected = header + int(np.prod(dims))
    if len(raw) != expected:
        raise DatasetFormatError(
            f"{path}: {len(raw)} bytes after decompression, expected {expected} "
            f"for shape {dims}: the file is truncated or padded."
        )
    data = np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)
    return data.copy() if kind == "images" else data.astype(np.int64)
