"""Every public function of hwlib's annotated modules, and the autograder's module
boundaries, carry type hints on each parameter and on the return value (issue 17).

ruff's F821 checks that the names in the hints exist; this checks that none is missing.
"""
import importlib
import inspect

import pytest

HWLIB_MODULES = [
    "hwlib.gradcheck", "hwlib.plotting", "hwlib.utils", "hwlib.budget",
    "hwlib.datasets.transforms", "hwlib.datasets.adapters", "hwlib.datasets._fetch",
    "hwlib.datasets.build_mini", "hwlib.testing", "hwlib.datasets.loaders",
]


def _public_callables(module):
    """``(qualified name, function)`` of the module's own public functions and of the
    public methods (and ``__init__``) of its own public classes."""
    out = []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            out.append((name, obj))
        elif inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr != "__init__":
                    continue
                if isinstance(member, property):
                    member = member.fget
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if inspect.isfunction(member):
                    out.append((f"{name}.{attr}", member))
    return out


def _missing_hints(fn):
    """Names of ``fn``'s parameters (and "return") that have no annotation."""
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    if params and params[0].name in ("self", "cls"):
        params = params[1:]
    missing = [p.name for p in params if p.annotation is inspect.Parameter.empty]
    if sig.return_annotation is inspect.Signature.empty:
        missing.append("return")
    return missing


# The autograder's module boundaries: what the CLI, CI and other modules call.
AUTOGRADER_BOUNDARIES = [
    ("autograder.grade_one", "grade_one"), ("autograder.grading.runner", "Grader.__init__"),
    ("autograder.grading.runner", "Grader.grade"), ("autograder.validate", "validate"),
    ("autograder.batch", "grade"), ("autograder.collect", "collect"),
]


@pytest.mark.parametrize("module_name", HWLIB_MODULES)
def test_every_public_function_is_annotated(module_name):
    module = importlib.import_module(module_name)
    callables = _public_callables(module)
    assert callables, f"{module_name} has no public functions: the list above is stale"
    unannotated = {name: miss for name, fn in callables if (miss := _missing_hints(fn))}
    assert not unannotated, f"{module_name}: type hints missing on {unannotated}"


@pytest.mark.parametrize("module_name, qualname", AUTOGRADER_BOUNDARIES)
def test_autograder_boundary_is_annotated(module_name, qualname):
    obj = importlib.import_module(module_name)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    assert not _missing_hints(obj), f"{module_name}.{qualname}: type hints missing on {_missing_hints(obj)}"


def test_the_check_sees_a_missing_hint():
    def partly(x: int, y, *, z: str = "") -> None: ...

    def no_return(x: int): ...

    assert _missing_hints(partly) == ["y"]
    assert _missing_hints(no_return) == ["return"]
