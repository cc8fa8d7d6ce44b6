"""The course's benchmark suite, run from the repository's root: ``python -m benchmarks``
(``make bench``; see :mod:`.run`). Not part of the ``autograder`` package nor of the wheel:
it imports ``autograder`` and ``hwlib``, never the other way round.

Imported lazily: the measurement subprocesses (``python -m benchmarks.numpy_mlp``)
import only what they measure.
"""


def bench(*args, **kwargs):
    from .run import bench as _bench

    return _bench(*args, **kwargs)


__all__ = ["bench"]
