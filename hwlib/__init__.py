"""hwlib: the small helper library behind the course's notebooks and hidden tests.

Submodules, one concern each (import what you need; nothing heavy is imported here):

- ``hwlib.datasets``  MNIST / Fashion-MNIST: checksummed, cached, offline-friendly loaders.
- ``hwlib.gradcheck`` numerical gradients and gradient-check reports.
- ``hwlib.testing``   assertions for tests, with messages that say what to fix.
- ``hwlib.plotting``  learning curves, confusion matrices, image grids (matplotlib, lazily).
- ``hwlib.utils``     seeding, timing, results tables, progress bars.
- ``hwlib.budget``    the grading budget switch (``HWLIB_GRADING=1`` under the autograder).

``import hwlib`` never imports torch, tensorflow or matplotlib.
"""
import importlib

__version__ = "0.1.0"
__all__ = ["budget", "datasets", "gradcheck", "testing", "plotting", "utils"]


def __getattr__(name):
    # Lazy submodules: ``hwlib.plotting`` works after a bare ``import hwlib``.
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'hwlib' has no attribute {name!r}")
