"""Which cells a changed answer cell can affect, by the names cells define and use.

Used by ``validate`` so a mutant re-runs only the tests it can change and the cells those
tests need, not the whole notebook.
"""
import ast
import builtins
from functools import lru_cache


@lru_cache(maxsize=4096)
def names(source):
    """``(defined, used, imported)`` names of a cell's source (IPython magics allowed).

    ``defined`` includes ``imported``; ``used`` excludes builtins.
    """
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return frozenset(), frozenset(), frozenset()
    defined, used, imported = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Global):
            defined.update(node.names)
    used -= set(dir(builtins))
    return frozenset(defined | imported), frozenset(used), frozenset(imported)


def affected(sources, changed, also_defined=()):
    """Indices after ``changed`` whose result can depend on cell ``changed`` (transitively).

    Names the changed cell only imports (``np``) are not followed: re-importing a module
    changes nothing. ``also_defined`` adds names (e.g. those of the cell's original source).
    """
    defined, _, imported = names(sources[changed])
    tainted = (set(defined) | set(also_defined)) - set(imported)
    out = []
    for i in range(changed + 1, len(sources)):
        defined, used, _ = names(sources[i])
        if used & tainted:
            out.append(i)
            tainted |= defined
    return out


def needed(sources, targets, always=()):
    """``targets`` plus every earlier cell that defines a name they (transitively) use."""
    keep = set(targets) | set(always)
    frontier = sorted(keep)
    while frontier:
        i = frontier.pop()
        defined, used, _ = names(sources[i])
        for name in used - defined:
            for j in range(i - 1, -1, -1):
                if name in names(sources[j])[0]:
                    if j not in keep:
                        keep.add(j)
                        frontier.append(j)
                    break
    return sorted(keep)
