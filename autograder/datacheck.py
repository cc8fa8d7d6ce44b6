"""Which data a grading run uses: the full datasets, or (only when allowed) the mini subsets.

The hidden tests hold training results to accuracy bars, one for the full data and a
lower one for the mini subsets shipped with hwlib (6,000 + 1,000 images;
``hwlib.datasets.by_subset``). Students' grades are meant for the full data, so real
grading (``grade``, ``grade-one``, the Gradescope package) never falls back to mini on its
own: without the full data it stops with :class:`FullDataMissing`, which says how to
provide it, unless the caller explicitly allows mini (``--allow-mini``; the offline demo).

Typical use, at an entry point, before any kernel or grader process starts::

    config = use_subset(config, resolve_subset(assignment, config, allow_mini=args.allow_mini))

The returned configuration carries the subset to the grader, which gives it to the
student's kernel and to its own set-up (``grading/kernel_env.py``), so both load the same
subset and the tests pick the matching bar.
"""
from . import manifest
from .config import GradingConfig
from .course import CourseError
from .report import MINI_LABEL


class FullDataMissing(CourseError):
    """Grading needs the full datasets, they cannot be found, and mini was not allowed."""


def datasets_used(assignment, root=None):
    """The hwlib dataset names (``"mnist"``, ``"fashion-mnist"``) the assignment (an id or a
    manifest Assignment) loads: the manifest's ``data`` (``tests/test_manifest.py`` holds it
    to what the notebook loads)."""
    return list(manifest.resolve(assignment, root).data)


def resolve_subset(assignment, config: GradingConfig, allow_mini=False, download=True):
    """``"full"`` when every dataset the assignment (an id or a manifest Assignment) loads is
    available, else ``"mini"`` if allowed.

    Looks where hwlib looks (``config.data``, the user cache, then a download into the
    cache unless ``download=False`` or ``$HWLIB_OFFLINE=1``). ``config.subset == "mini"``
    (``$HWLIB_SUBSET=mini``) asks for mini outright (still only if allowed).

    Raises:
        FullDataMissing: the full data is missing and ``allow_mini`` is False; the
            message names what is missing and the three ways to provide it.
    """
    from hwlib.datasets import DatasetNotFoundError, find_files

    entry = manifest.resolve(assignment, config.course_root)
    if config.subset == "mini":
        if allow_mini:
            return "mini"
        raise FullDataMissing(
            f"HWLIB_SUBSET=mini asks to grade {entry.id} on the shipped mini subsets. Their "
            "accuracy bars are for a demo or a smoke test, not for students' grades: unset "
            "HWLIB_SUBSET to grade on the full data, or pass --allow-mini to grade on mini anyway.")
    problems = []
    for name in entry.data:
        try:
            find_files(name, config.data, download=download and not config.offline)
        except DatasetNotFoundError as exc:
            problems.append(str(exc).splitlines()[0])
    if not problems:
        return "full"
    if allow_mini:
        return "mini"
    raise FullDataMissing(_how_to(entry.id, problems))


def use_subset(config: GradingConfig, subset) -> GradingConfig:
    """``config`` grading on ``subset`` ("full" or "mini").

    For the full data found only in the user cache it also points ``data`` at the cache,
    because the grading sandbox hides the home folder.
    """
    from hwlib.datasets import cache_home

    if subset not in ("full", "mini"):
        raise ValueError(f"subset must be 'full' or 'mini', not {subset!r}")
    if subset == "full" and config.data is None:
        return config.with_(subset=subset, data=cache_home().resolve())
    return config.with_(subset=subset)


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
