"""The leak rule of ``validate``: nothing a student can see earns points as an answer.

For every graded answer cell (a function or class the student writes) and every callable
a student can see whose signature fits, :func:`variants` builds an answer cell that just
calls it. ``validate`` grades each on the part's own tests (the test cells that name the
part); one that earns points means the visible code *is* the answer, and validate fails
naming the helper and the part. What a student can see:

- a function or class defined in a visible cell of the assignment's release notebook: a
  code cell, or the visible part of a test cell (which never runs in the student's
  kernel); copied, with its cell's other definitions and the notebook's imports;
- a public function or class of hwlib (imported);
- one defined in a visible cell of an assignment released earlier (``week`` in
  ``course/course.toml``), copied with that notebook's imports and constants.

Code spelled out in markdown is for the reader, not a callable: the rule cannot see it.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

from . import cells as C
from . import manifest
from .course import CourseError, release_notebook
from .mutants import Variant
from .slicing import _parse, affected, names


@dataclass(frozen=True)
class Helper:
    """A callable a student can see, and how an answer cell would reach it."""

    name: str
    origin: str              # where a student sees it, for the message
    signature: inspect.Signature
    how: str                 # "copy" (its source, run at call time), "import" (from a module)
    code: str = ""           # "copy": the source that defines it; "import": the module


def _signature(node):
    """The call signature of an ``ast`` def or class (its ``__init__`` without ``self``)."""
    if isinstance(node, ast.ClassDef):
        init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        if init is None:
            return None       # inherited: unknown, any call may fit
        args, skip = init.args, 1
    else:
        args, skip = node.args, 0
    P = inspect.Parameter
    params = []
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        if i < skip:
            continue
        kind = P.POSITIONAL_ONLY if arg in args.posonlyargs else P.POSITIONAL_OR_KEYWORD
        params.append(P(arg.arg, kind, default=P.empty if default is None else ...))
    if args.vararg:
        params.append(P(args.vararg.arg, P.VAR_POSITIONAL))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append(P(arg.arg, P.KEYWORD_ONLY, default=P.empty if default is None else ...))
    if args.kwarg:
        params.append(P(args.kwarg.arg, P.VAR_KEYWORD))
    return inspect.Signature(params)


def _required(sig):
    """How many positional arguments a call must pass."""
    return sum(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
               for p in sig.parameters.values())


def fits(helper_sig, graded_sig):
    """True if a call of the graded part with its required arguments binds to the helper
    and the helper takes at least one of them (a helper taking none cannot compute an
    answer from the inputs)."""
    if helper_sig is None or graded_sig is None:
        return True
    n = _required(graded_sig)
    try:
        helper_sig.bind(*range(n))
    except TypeError:
        return False
    return n == 0 or any(p.kind != p.KEYWORD_ONLY for p in helper_sig.parameters.values())


def _defs(tree):
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


def _prelude(nb):
    """A notebook's imports and literal constants (what its defs may read), as source."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code" or C.is_answer(cell):
            continue
        tree = _parse(cell.source)
        for node in tree.body if tree else ():
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
            elif isinstance(node, ast.Assign) and _literal(node.value):
                lines.append(ast.unparse(node))
    return "\n".join(lines)


def _literal(node):
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _cell_label(cell):
    return C.grade_id(cell) or cell.get("id") or "a cell"


def notebook_helpers(nb, label=""):
    """Callables defined in the visible cells of release notebook ``nb``, each copied with
    its cell's other definitions and the notebook's imports and constants (a student can
    copy one wherever its cell sits; a call by name would miss a cell below the test)."""
    prelude, found = _prelude(nb), []
    for cell in nb.cells:
        if cell.cell_type != "code" or C.is_answer(cell) or C.is_manual(cell):
            continue
        tree = _parse(cell.source)
        if tree is None:
            continue
        defs = _defs(tree)
        where = f"{label}cell {_cell_label(cell)!r}" + (" (a test's visible part)" if C.is_test(cell) else "")
        code = prelude + "\n" + "\n\n".join(ast.unparse(d) for d in defs)
        found += [Helper(d.name, where, _signature(d), "copy", code) for d in defs]
    return found


def hwlib_helpers():
    """hwlib's public functions and classes (those defined in hwlib, not re-exports)."""
    import hwlib

    found, seen = [], set()
    for info in pkgutil.walk_packages(hwlib.__path__, "hwlib."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that cannot load here offers nothing
            continue
        for name, obj in vars(module).items():
            if name.startswith("_") or not callable(obj) or getattr(obj, "__module__", "") != info.name:
                continue
            if (info.name, name) in seen or (isinstance(obj, type) and issubclass(obj, BaseException)):
                continue      # an exception or warning class computes nothing
            seen.add((info.name, name))
            try:
                sig = inspect.signature(obj)
            except (TypeError, ValueError):
                sig = None
            if sig is not None and _returns_no_answer(sig):
                continue
            found.append(Helper(name, info.name, sig, "import", info.name))
    return found


# What a callable annotated to return one of these cannot be: an answer (a value, an
# array, a network). Checks, plots, context managers and messages.
_NO_ANSWER = ("None", "NoReturn", "Figure", "Iterator", "bool", "str")


def _returns_no_answer(sig):
    ret = sig.return_annotation
    if ret is inspect.Signature.empty:
        return False
    text = ret if isinstance(ret, str) else getattr(ret, "__name__", str(ret))
    return text.split("[", 1)[0].rsplit(".", 1)[-1] in _NO_ANSWER


def earlier_helpers(assignment, root):
    """Helpers of the release notebooks of assignments released before ``assignment``."""
    try:
        entries = manifest.load(root)
    except CourseError:       # a course without a manifest: nothing released before
        return []
    week = entries[assignment].week if assignment in entries else None
    found = []
    for aid, entry in entries.items():
        if aid == assignment or week is None or entry.week >= week:
            continue
        path = release_notebook(aid, root)
        if path.is_file():
            found += notebook_helpers(C.read(path), f"{aid} ")
    return found


def graded_parts(source):
    """``{grade_id: signature}`` of the answer cells that define a function or class of
    the same name."""
    parts = {}
    for cell in source.cells:
        if not C.is_answer(cell):
            continue
        tree = _parse(cell.source)
        node = next((d for d in _defs(tree) if d.name == C.grade_id(cell)), None) if tree else None
        if node is not None:
            parts[node.name] = _signature(node)
    return parts


def part_tests(source, gid):
    """The test cells that name the graded part ``gid``: the tests its points come from."""
    return [C.grade_id(c) for _, c in C.test_cells(source) if gid in names(c.source)[1]]


# How a leak answer calls the helper: by the graded part's parameter names when the
# helper has every one the call gives (an argument order of its own changes nothing),
# else passing the call through as it came.
_ADAPT = """
def _leak_call(target, params, args, kwargs):
    import inspect
    try:
        names = inspect.signature(target).parameters
    except (TypeError, ValueError):
        return target(*args, **kwargs)
    given = dict(zip(params, args))
    given.update(kwargs)
    if len(args) <= len(params) and given and all(k in names for k in given):
        return target(**given)
    return target(*args, **kwargs)
"""


def answer_cell(gid, helper, solution, params=()):
    """An answer cell for ``gid`` that only calls ``helper`` (the solution's imports kept).

    ``params``: the graded part's parameter names, for a helper that takes them by name.
    """
    tree = _parse(solution)
    imports = [ast.unparse(n) for n in (tree.body if tree else ())
               if isinstance(n, (ast.Import, ast.ImportFrom))]
    if helper.how == "import":
        reach = f"from {helper.code} import {helper.name} as target"
    else:
        reach = f"ns = dict(globals())\nexec(_LEAKED, ns)\ntarget = ns[{helper.name!r}]"
    lines = [*imports, _ADAPT]
    if helper.how == "copy":
        lines.append(f"_LEAKED = {helper.code!r}")
    lines += [f"def {gid}(*args, **kwargs):", textwrap.indent(reach, "    "),
              f"    return _leak_call(target, {tuple(params)!r}, args, kwargs)", ""]
    return "\n".join(lines)


def variants(assignment, root, source, release):
    """One leak variant per (graded part, visible helper whose signature fits)."""
    helpers = notebook_helpers(release) + hwlib_helpers() + earlier_helpers(assignment, Path(root))
    solutions = {C.grade_id(c): c.source for c in source.cells if C.is_answer(c)}
    out = []
    for gid, sig in graded_parts(source).items():
        tests = part_tests(source, gid)
        if not tests:
            continue
        for h in helpers:
            if not fits(h.signature, sig):
                continue
            v = Variant(Path(f"{h.name}.leak"), gid, "leak", f"{h.name} ({h.origin})",
                        answer_cell(gid, h, solutions[gid], list(sig.parameters) if sig else ()),
                        caught_by=tests)
            out.append(v)
    return out


def independent_groups(variants, source):
    """Leak variants packed into groups graded in one notebook: at most one per graded
    part, and only parts whose cells cannot affect each other's tests (a wrong helper in
    one part must not hide a leak in another)."""
    code = [c.source if c.cell_type == "code" else "" for c in source.cells]
    tests = {i for i, c in enumerate(source.cells) if C.is_test(c)}
    answers = C.answer_cells(source)
    reach = {}
    for gid, pos in answers.items():
        hit = {C.grade_id(source.cells[i]) for i in affected(code, pos, names(code[pos])[0], tests)}
        reach[gid] = hit | {gid}
    parts = {v.grade_id: set(v.caught_by) for v in variants}

    def clash(a, b):
        return bool(reach.get(a, set()) & parts.get(b, set())) or bool(reach.get(b, set()) & parts.get(a, set()))

    groups = []
    for v in variants:
        home = next((g for g in groups if all(o.grade_id != v.grade_id and not clash(o.grade_id, v.grade_id)
                                              for o in g)), None)
        if home is None:
            groups.append([v])
        else:
            home.append(v)
    return groups
