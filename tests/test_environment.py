"""The environment itself: light `import hwlib`, safe tensorflow/torch import orders."""
import json
import subprocess
import sys

import pytest

HEAVY = ("torch", "tensorflow", "matplotlib", "pandas", "keras")


def test_import_hwlib_imports_no_heavy_framework():
    code = ("import sys, json, hwlib, hwlib.datasets, hwlib.gradcheck, hwlib.testing, "
            "hwlib.budget, hwlib.plotting, hwlib.utils\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_lazy_submodule_access():
    code = "import hwlib, sys; hwlib.testing; print('hwlib.testing' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("order", [
    "import tensorflow; import torchvision; import torch.optim",
    "import keras; import torchvision",
    "import torch; import torchvision; import tensorflow",
])
def test_tensorflow_and_torch_import_in_either_order(order):
    proc = subprocess.run([sys.executable, "-c", order + "; print('alive')"], capture_output=True,
                          text=True, timeout=300, env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, f"{order!r} exited {proc.returncode} (-11 = segfault)\n{proc.stderr[-1500:]}"
    assert "alive" in proc.stdout


@pytest.mark.slow
def test_import_order_fix_holds_in_a_fresh_jupyter_kernel():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import tensorflow as tf"),
        nbformat.v4.new_code_cell("import torchvision, torch\nprint('alive', torch.ones(2).sum().item())"),
    ])
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    out = "".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert "alive 2.0" in out
