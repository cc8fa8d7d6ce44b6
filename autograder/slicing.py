"""Which cells a changed answer cell can affect, by the names cells define and use.

Used by ``validate`` so a mutant re-runs only the tests it can change and the cells those
tests need, not the whole notebook.
"""
import ast
import builtins
from functools import lru_cache


@lru_cache(maxsize=4096)
def _parse(source):
    """The cell's syntax tree (IPython magics turned into Python), or None if invalid."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return None


@lru_cache(maxsize=4096)
def names(source):
    """``(defined, used, imported)`` names of a cell's source (IPython magics allowed).

    ``defined`` includes ``imported``; ``used`` excludes builtins.
    """
    tree = _parse(source)
    if tree is None:
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


@lru_cache(maxsize=4096)
def free_names(source):
    """Names a cell reads from the notebook's namespace before (surely) assigning them.

    Statements are followed in order, into compound statements: a loop's body sees its
    loop variable and what the body itself assigned before the read; a branch sees what
    was assigned before the branch. Only what surely runs counts as assigned afterwards:
    an unconditional statement (assignment, def, class, import, ``with``), or an ``if``
    whose every branch assigns the name; what a loop or ``try`` body assigns may not
    have run, so names read after them stay free. Inside functions, lambdas and
    comprehensions only their global reads count (Python's own scoping, from
    ``symtable``), not their local variables.
    """
    tree = _parse(source)
    if tree is None:
        return frozenset()
    free = set()
    _flow(tree.body, set(), free)
    return frozenset(free - set(dir(builtins)))


def _flow(body, assigned, free):
    """Add to ``free`` the names ``body`` reads before assigning them; return the names
    surely assigned once ``body`` has run (``assigned`` are those assigned before it)."""
    assigned = set(assigned)
    for stmt in body:
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                free |= _expr_reads(item.context_expr) - assigned
                if item.optional_vars is not None:
                    assigned |= _stored(item.optional_vars)
            assigned = _flow(stmt.body, assigned, free)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            free |= _expr_reads(stmt.iter) - assigned
            _flow(stmt.body, assigned | _stored(stmt.target), free)
            _flow(stmt.orelse, assigned, free)
        elif isinstance(stmt, ast.While):
            free |= _expr_reads(stmt.test) - assigned
            _flow(stmt.body, assigned, free)
            _flow(stmt.orelse, assigned, free)
        elif isinstance(stmt, ast.If):
            free |= _expr_reads(stmt.test) - assigned
            assigned = _flow(stmt.body, assigned, free) & _flow(stmt.orelse, assigned, free)
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            _flow(stmt.body + stmt.orelse, assigned, free)
            for handler in stmt.handlers:
                if handler.type is not None:
                    free |= _expr_reads(handler.type) - assigned
                _flow(handler.body, assigned | ({handler.name} if handler.name else set()), free)
            assigned = _flow(stmt.finalbody, assigned, free)
        else:
            free |= _global_reads(stmt) - assigned
            assigned |= _surely_assigned(stmt)
    return assigned


def _expr_reads(expr):
    return _global_reads(ast.Expr(value=expr))


def _stored(target):
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _global_reads(stmt):
    """Names one top-level statement reads from the module's namespace."""
    import symtable

    try:
        table = symtable.symtable(ast.unparse(ast.Module(body=[stmt], type_ignores=[])), "<cell>", "exec")
    except SyntaxError:
        return set()
    reads, stack = set(), [table]
    while stack:
        t = stack.pop()
        stack.extend(t.get_children())
        for sym in t.get_symbols():
            if not sym.is_referenced():
                continue
            if t.get_type() == "module" or sym.is_global() or sym.is_declared_global():
                reads.add(sym.get_name())
    for node in ast.walk(stmt):                 # x += 1 reads x
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            reads.add(node.target.id)
    return reads


def _surely_assigned(stmt):
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.Assign) or (isinstance(stmt, ast.AnnAssign) and stmt.value is not None):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return set().union(*(_stored(t) for t in targets))
    return set()


def affected(sources, changed, also_defined=(), tests=()):
    """Indices after ``changed`` whose result can depend on cell ``changed`` (transitively).

    Names the changed cell only imports (``np``) are not followed: re-importing a module
    changes nothing. ``also_defined`` adds names (e.g. those of the cell's original source).
    Cells in ``tests`` run in the grader, not the kernel: what they define reaches only
    later test cells.
    """
    tests = set(tests)
    defined, _, imported = names(sources[changed])
    tainted = (set(defined) | set(also_defined)) - set(imported)
    tainted_tests = set()          # names tainted only in the grader's namespace
    out = []
    for i in range(changed + 1, len(sources)):
        defined, used = names(sources[i])[0], free_names(sources[i])
        if used & tainted or (i in tests and used & tainted_tests):
            out.append(i)
            (tainted_tests if i in tests else tainted).update(defined)
    return out


def needed(sources, targets, always=(), tests=()):
    """``targets`` plus every earlier cell that defines a name they (transitively) use.

    Cells in ``tests`` run in the grader: they provide names only to later test cells.
    """
    tests = set(tests)
    keep = set(targets) | set(always)
    frontier = sorted(keep)
    while frontier:
        i = frontier.pop()
        for name in free_names(sources[i]):
            for j in range(i - 1, -1, -1):
                if j in tests and i not in tests:
                    continue
                if name in names(sources[j])[0]:
                    if j not in keep:
                        keep.add(j)
                        frontier.append(j)
                    break
    return sorted(keep)
