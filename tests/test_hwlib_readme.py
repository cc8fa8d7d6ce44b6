"""hwlib/README.md, the students' API page: every public function has an example, and every
example runs (in a fresh interpreter, in the page's order, on the shipped mini subsets)."""
import inspect
import os
import re
import subprocess
import sys

import pytest
from paths import REPO_ROOT

README = REPO_ROOT / "hwlib" / "README.md"
MODULES = ["hwlib.datasets", "hwlib.gradcheck", "hwlib.testing", "hwlib.plotting",
           "hwlib.utils", "hwlib.budget"]


def python_blocks():
    """The page's ```python blocks, in order."""
    return re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def public_functions(module_name):
    """Names of the functions a module offers its users (defined in hwlib, no underscore)."""
    import importlib

    mod = importlib.import_module(module_name)
    names = getattr(mod, "__all__", None) or [n for n in vars(mod) if not n.startswith("_")]
    return sorted(n for n in names if inspect.isfunction(getattr(mod, n, None))
                  and getattr(mod, n).__module__.startswith("hwlib"))


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_function_has_an_example(module_name):
    code = "\n".join(python_blocks())
    functions = public_functions(module_name)
    assert functions, f"{module_name} exports no function: the listing above is wrong"
    missing = [f for f in functions if not re.search(rf"\b{f}\(", code)]
    assert not missing, f"hwlib/README.md has no runnable example calling {missing} ({module_name})"


@pytest.mark.slow
def test_every_example_runs(tmp_path):
    script = tmp_path / "readme_examples.py"
    strict = ("import warnings\nfrom hwlib.datasets import DatasetStatsWarning\n"
              "warnings.simplefilter('error', DatasetStatsWarning)   # the examples pass the right stats\n")
    script.write_text(strict + "\n".join(python_blocks()) + '\nprint("README EXAMPLES OK")\n')
    env = {**os.environ, "MPLBACKEND": "Agg", "HWLIB_NO_PROGRESS": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=600, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.rstrip().endswith("README EXAMPLES OK")
