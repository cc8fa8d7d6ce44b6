"""The course's benchmark suite: ``python -m autograder bench`` (see :mod:`.run`).

Imported lazily: the measurement subprocesses (``python -m autograder.bench.numpy_mlp``)
import only what they measure.
"""


def bench(*args, **kwargs):
    from .run import bench as _bench

    return _bench(*args, **kwargs)


__all__ = ["bench"]
