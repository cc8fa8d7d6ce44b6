"""Which data a grading run uses: the full datasets, or (only when allowed) the mini subsets.

The hidden tests hold training results to accuracy bars, one for the full data and a
lower one for the mini subsets shipped with hwlib (6,000 + 1,000 images;
``hwlib.datasets.by_subset``). Students' grades are meant for the full data, so real
grading (``grade``, ``grade-one``, the Gradescope package) never falls back to mini on its
own: without the full data it stops with :class:`FullDataMissing`, which says how to
provide it, unless the caller explicitly allows mini (``--allow-mini``; the offline demo).

Typical use, before any kernel or grader process starts::

    subset = use_subset(resolve_subset(assignment, allow_mini=args.allow_mini))

``use_subset`` exports ``HWLIB_SUBSET`` so the student's kernel and the grader's own
set-up load the same subset, and the tests pick the matching bar.
"""
import os
import re
from pathlib import Path

from .course import CourseError, course_root, source_notebook
from .report import MINI_LABEL

_LOADERS = {"mnist": re.compile(r"\bload_mnist\b|load_dataset\(\s*['\"]mnist['\"]"),
            "fashion-mnist": re.compile(r"\bload_fashion_mnist\b|load_dataset\(\s*['\"]fashion-mnist['\"]")}


class FullDataMissing(CourseError):
    """Grading needs the full datasets, they cannot be found, and mini was not allowed."""


def datasets_used(assignment, root=None):
    """The hwlib dataset names (``"mnist"``, ``"fashion-mnist"``) the assignment's notebook loads."""
    text = Path(source_notebook(assignment, root or course_root())).read_text()
    return [name for name, pattern in _LOADERS.items() if pattern.search(text)]


def resolve_subset(assignment, allow_mini=False, root=None, download=True):
    """``"full"`` when every dataset the assignment loads is available, else ``"mini"`` if allowed.

    Looks where hwlib looks (``$HWLIB_DATA``, the user cache, then a download into the
    cache unless ``download=False`` or ``$HWLIB_OFFLINE=1``). ``$HWLIB_SUBSET=mini`` asks
    for mini outright (still only if allowed).

    Raises:
        FullDataMissing: the full data is missing and ``allow_mini`` is False; the
            message names what is missing and the three ways to provide it.
    """
    from hwlib.datasets import DatasetNotFoundError
    from hwlib.datasets._fetch import locate
    from hwlib.datasets._resources import SPECS

    if os.environ.get("HWLIB_SUBSET") == "mini":
        if allow_mini:
            return "mini"
        raise FullDataMissing(
            f"HWLIB_SUBSET=mini asks to grade {assignment} on the shipped mini subsets. Their "
            "accuracy bars are for a demo or a smoke test, not for students' grades: unset "
            "HWLIB_SUBSET to grade on the full data, or pass --allow-mini to grade on mini anyway.")
    problems = []
    for name in datasets_used(assignment, root):
        try:
            locate(SPECS[name], download_ok=download)
        except DatasetNotFoundError as exc:
            problems.append(str(exc).splitlines()[0])
    if not problems:
        return "full"
    if allow_mini:
        return "mini"
    raise FullDataMissing(_how_to(assignment, problems))


def use_subset(subset):
    """Export ``subset`` to this process and the kernels and workers it starts; returns it.

    Sets ``HWLIB_SUBSET``. For the full data found only in the user cache it also points
    ``HWLIB_DATA`` at the cache, because the grading sandbox hides the home folder.
    """
    from hwlib.datasets import cache_home

    if subset not in ("full", "mini"):
        raise ValueError(f"subset must be 'full' or 'mini', not {subset!r}")
    os.environ["HWLIB_SUBSET"] = subset
    if subset == "full" and not os.environ.get("HWLIB_DATA"):
        os.environ["HWLIB_DATA"] = str(cache_home().resolve())
    return subset


def subset_label(subset):
    """The words every report line carries for ``subset`` ("" for the full data)."""
    return MINI_LABEL if subset == "mini" else ""


def _how_to(assignment, problems):
    from hwlib.datasets import cache_home

    return "\n".join([
        f"{assignment} needs the full datasets, and they are not available:",
        *[f"  - {p}" for p in problems],
        "Grading refuses the shipped mini subsets by default: its lower accuracy bars are "
        "for trying the course offline, not for students' grades. To provide the data, either",
        "  - set HWLIB_DATA to a folder holding mnist/ and fashion-mnist/, each with the four "
        "official .gz files (train-images-idx3-ubyte.gz, ...);",
        f"  - or copy those folders into the hwlib cache, {cache_home()} "
        "(HWLIB_CACHE moves it);",
        "  - or allow downloads: run once with network access (unset HWLIB_OFFLINE; "
        "HWLIB_MIRRORS lists other mirrors), e.g. python -c \"from hwlib.datasets import "
        "load_mnist, load_fashion_mnist; load_mnist(); load_fashion_mnist()\".",
        "To grade on the mini subsets anyway (a demo, a smoke test), pass --allow-mini: every "
        f"report then says \"{MINI_LABEL}\".",
    ])
