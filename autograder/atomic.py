"""Write a file whole or not at all: a unique temporary file beside it, then a rename.

Readers never see a half-written file, a crash leaves the old one in place, and two
writers of the same path at once never share a temporary file.
"""
import contextlib
import json
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path, mode=0o644):
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path``,
    with permission bits ``mode``.

    The folder is created if missing. On an exception the temporary file is removed
    and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_bytes(path, data, mode=0o644):
    """Write ``data`` (bytes) to ``path`` atomically."""
    with atomic_path(path, mode) as tmp:
        tmp.write_bytes(data)


def write_text(path, text, mode=0o644):
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path, mode) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(path, data, mode=0o644):
    """Write ``data`` as indented JSON (and a final newline) to ``path`` atomically."""
    write_text(path, json.dumps(data, indent=2) + "\n", mode)
