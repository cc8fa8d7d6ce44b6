"""The course's figure rule, checked on executed notebooks: every figure has a title and
every plot in it has labelled axes (used by tests/test_figures.py and
tests/test_course_demos.py; a test helper, not part of the grader).

:data:`PROBE` runs first in the notebook's kernel. It checks every open figure whenever
``matplotlib.pyplot.show`` is called and at the end of every cell, just before the inline
backend shows and closes the figures the cell left open. A figure needs a title
(``suptitle`` or an axes title); each of its axes that draws axes needs an x and a y label
(panels sharing an axis may label it once). Axes drawn without axes (``ax.axis("off")``),
images shown without ticks (a grid of digits) and colorbars need no labels.
:data:`REPORT`, run last, prints the problems as one JSON line, which :func:`problems`
reads back.
"""
import json

MARK = "FIGURE-CHECK "

PROBE = r'''
def _figure_check_install():
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    found, seen = [], set()

    def picture(ax):
        # an image shown without ticks (a digit in a grid) has no axes to label
        return bool(ax.images) and not len(ax.get_xticks()) and not len(ax.get_yticks())

    def labelled(ax, axis):
        # panels that share an axis (sharey=True) may label it once
        shared = getattr(ax, f"get_shared_{axis}_axes")().get_siblings(ax)
        return any(getattr(a, f"get_{axis}label")().strip() for a in shared)

    def check(where):
        for num in plt.get_fignums():
            fig = plt.figure(num)
            if id(fig) in seen:
                continue
            seen.add(id(fig))
            axes = [ax for ax in fig.get_axes() if ax.get_label() != "<colorbar>"]
            sup = fig._suptitle.get_text().strip() if fig._suptitle is not None else ""
            titles = [ax.get_title(loc).strip() for ax in axes for loc in ("center", "left", "right")]
            name = sup or next((t for t in titles if t), "") or f"figure {num}"
            if not sup and not any(titles):
                found.append({"cell": where, "figure": name, "problem": "no title"})
            for axis in ("x", "y"):
                missing = [i + 1 for i, ax in enumerate(axes) if ax.axison and not picture(ax)
                           and not labelled(ax, axis)]
                if missing:
                    which = ("axes " + ", ".join(map(str, missing)) if len(missing) < len(axes)
                             else "every axes")
                    found.append({"cell": where, "figure": name,
                                  "problem": f"{which} of {len(axes)}: no {axis} label"})

    state = {"cell": 0}
    real_show = plt.show

    def show(*args, **kwargs):
        check(state["cell"])
        return real_show(*args, **kwargs)

    def before(*_):
        state["cell"] += 1

    def after(*_):
        check(state["cell"])

    plt.show = show
    ip = get_ipython()
    ip.events.register("pre_run_cell", before)
    # before the inline backend's own post_execute hook, which shows and closes the figures
    ip.events.callbacks["post_execute"].insert(0, after)
    return found


_figure_check_found = _figure_check_install()
del _figure_check_install
'''

REPORT = f'''
import json as _json
print({MARK!r} + _json.dumps(_figure_check_found))
'''


def instrument(nb):
    """A copy of ``nb`` with :data:`PROBE` first and :data:`REPORT` last."""
    import copy

    import nbformat

    out = copy.deepcopy(nb)
    out.cells = [nbformat.v4.new_code_cell(PROBE)] + out.cells + [nbformat.v4.new_code_cell(REPORT)]
    return out


def problems(nb):
    """The problems :data:`REPORT` printed in an executed, instrumented notebook.

    Cells are numbered among the original notebook's code cells, from 1. Raises
    ``ValueError`` if the report is missing (the notebook did not run to the end).
    """
    last = nb.cells[-1] if nb.cells else None
    for output in (last.get("outputs", []) if last else []):
        text = output.get("text", "") if output.get("output_type") == "stream" else ""
        for line in text.splitlines():
            if line.startswith(MARK):
                return json.loads(line[len(MARK):])
    raise ValueError("the notebook did not run to its end: no figure report")
