"""Worker processes that each grade with their own :class:`Grader` (``grade``'s and
``validate``'s pools).

Each process is spawned (no state inherited from the command), ends with the command
(:func:`autograder.procs.die_with_parent`), builds one Grader for the assignment (each of
its kernels takes its own uid from the machine-wide pool, ``grading/uidpool.py``) and
closes it when the process exits (a kernel kept by ``grade(reuse=True)`` is shut down).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .config import GradingConfig
    from .grading.runner import Grader


@dataclass
class Worker:
    """What a pool process grades with: its Grader, for one assignment of one course."""

    grader: Grader
    assignment: str


_worker: Worker | None = None   # this process's, once the pool's initializer has run


def grader_pool(workers: int, assignment: str, root: str | os.PathLike[str], config: GradingConfig,
                threads: int = 1, prepare: Callable[[], object] | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes (at least one), each with its own :class:`Worker`
    (:func:`worker`) grading as ``config`` says; ``prepare()``, a module-level function,
    runs first in each (``grade`` sets its workers' signal handling there)."""
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker,
                               initargs=(assignment, str(root), config, threads, prepare))


def worker() -> Worker:
    """This pool process's :class:`Worker`."""
    if _worker is None:
        raise RuntimeError("not in a process of a grader_pool")
    return _worker


def _start_worker(assignment, root, config, threads, prepare):
    global _worker
    from multiprocessing.util import Finalize

    from .grade_one import grader_for
    from .procs import die_with_parent

    die_with_parent()
    if prepare is not None:
        prepare()
    grader = grader_for(assignment, root, threads=threads, uid="pool", config=config)
    Finalize(grader, grader.close, exitpriority=10)   # the kernel kept for the next grading
    _worker = Worker(grader, assignment)
