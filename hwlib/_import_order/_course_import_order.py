"""Make ``import tensorflow`` followed by ``import torchvision`` safe in one process.

With the CUDA build of torch in this environment, loading triton's shared library
(``triton._C.libtriton``, pulled in by ``torchvision`` or ``torch._dynamo``) *after*
TensorFlow's libraries segfaults the interpreter; loading it *before* them is fine.
A ``.pth`` file imports this module at interpreter start-up (every Python and every
Jupyter kernel of the environment). It installs a one-shot import hook that, when
``tensorflow`` is first imported, loads triton's library first (~0.3 s). Nothing else
is imported at start-up and nothing happens in processes that never import tensorflow.
"""
import importlib
import importlib.util
import sys


class _LoadTritonBeforeTensorflow:
    """A meta-path finder that never finds anything; it only reacts to 'tensorflow'."""

    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        try:
            if "triton" not in sys.modules and importlib.util.find_spec("triton") is not None:
                importlib.import_module("triton._C.libtriton")
        except Exception:  # triton broken or absent: nothing to protect
            pass
        return None


if not any(isinstance(f, _LoadTritonBeforeTensorflow) for f in sys.meta_path):
    sys.meta_path.insert(0, _LoadTritonBeforeTensorflow())
