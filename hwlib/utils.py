"""Small utilities for the course notebooks: seeding, timing, result tables, progress bars.

pandas, tqdm, torch and tensorflow are never imported at module level.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np

if TYPE_CHECKING:
    from typing import Self  # novermin - annotations only (3.10 never evaluates them)

    from pandas import DataFrame
    from pandas.io.formats.style import Styler
    from tqdm.std import tqdm

_T = TypeVar("_T")

NO_PROGRESS_ENV = "HWLIB_NO_PROGRESS"


def seed_everything(seed: int | np.integer) -> np.random.Generator:
    """Seed python `random`, numpy's global RNG, and torch / tensorflow if already imported.

    seed: int in [0, 2**32 - 1]. torch and tensorflow are seeded only when they
    are already in sys.modules (this function never imports them), so call it
    after importing your framework. Returns numpy.random.Generator(PCG64(seed)).
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be an int; got {type(seed).__name__} {seed!r}.")
    seed = int(seed)
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be in [0, 2**32 - 1] (numpy's limit); got {seed}.")

    random.seed(seed)
    np.random.seed(seed)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(seed)  # also seeds every CUDA device
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        tf.random.set_seed(seed)
    return np.random.Generator(np.random.PCG64(seed))


class Timer:
    """Wall-clock timer: ``with Timer() as t: ...`` then ``t.elapsed`` (seconds, float).

    Inside the block ``t.elapsed`` is the time so far; ``str(t)`` gives "1.23 s".
    """

    def __init__(self) -> None:
        self._start: float | None = None
        self._elapsed = 0.0

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> Literal[False]:
        assert self._start is not None, "Timer.__exit__ without __enter__"
        self._elapsed = time.perf_counter() - self._start
        self._start = None
        return False

    @property
    def elapsed(self) -> float:
        """Seconds measured (running total while inside the with-block)."""
        if self._start is not None:
            return time.perf_counter() - self._start
        return self._elapsed

    def __str__(self) -> str:
        return f"{self.elapsed:.2f} s"

    def __repr__(self) -> str:
        return f"Timer(elapsed={self.elapsed:.4f})"


def results_table(rows: Iterable[Mapping[str, Any]], sort_by: str | None = None,
                  best: str | None = None, higher_is_better: bool = True) -> DataFrame | Styler:
    """Table of experiment results, one row per run.

    rows: list of dicts (column -> value), e.g. [{"lr": 0.1, "val_acc": 0.91}, ...].
    sort_by: column to sort by, best first (descending if higher_is_better,
    else ascending). best: column whose best value (max if higher_is_better,
    else min) marks the best row(s).
    Returns a pandas DataFrame, or, when `best` is given, a pandas Styler with
    the best row(s) in bold (the DataFrame is its `.data`).
    """
    import pandas as pd

    if isinstance(rows, Mapping) or not hasattr(rows, "__iter__"):
        raise ValueError("rows must be a list of dicts, one per run; wrap a single dict in [ ].")
    rows = list(rows)
    if not rows:
        raise ValueError("rows is empty; pass at least one dict of results.")
    bad = [i for i, row in enumerate(rows) if not isinstance(row, Mapping)]
    if bad:
        raise ValueError(f"rows must all be dicts; rows at positions {bad} are not.")

    df = pd.DataFrame(rows)
    columns = [str(c) for c in df.columns]
    for arg, column in (("sort_by", sort_by), ("best", best)):
        if column is not None and column not in df.columns:
            raise ValueError(f"{arg}={column!r} is not a column; existing columns: {columns}.")

    if sort_by is not None:
        df = df.sort_values(sort_by, ascending=not higher_is_better, na_position="last")
        df = df.reset_index(drop=True)
    if best is None:
        return df

    values = pd.to_numeric(df[best], errors="coerce")
    if values.isna().all():
        raise ValueError(
            f"best={best!r} has no numeric values; pick a numeric column from {columns}."
        )
    target = values.max() if higher_is_better else values.min()
    is_best = (values == target).to_numpy()  # ties: every best row is bold

    def bold_best(row):
        style = "font-weight: bold" if is_best[df.index.get_loc(row.name)] else ""
        return [style] * len(row)

    return df.style.apply(bold_best, axis=1)


def progress(iterable: Iterable[_T], desc: str | None = None, total: int | None = None,
             disable: bool | None = None, **tqdm_kwargs: Any) -> tqdm[_T]:
    """Iterate over `iterable` with a tqdm progress bar (notebook widget in Jupyter).

    The bar is disabled (writes nothing) when disable=True or when the
    environment variable HWLIB_NO_PROGRESS=1 (or true/yes), which wins over disable=False
    so autograded cells stay silent. total: number of items if len() is
    unavailable. Extra keyword arguments go to tqdm (e.g. leave=False).
    """
    from tqdm.auto import tqdm

    if os.environ.get(NO_PROGRESS_ENV, "").strip().lower() in ("1", "true", "yes"):
        disable = True
    # tqdm's own disable=None means "off when not a TTY", which hides bars in notebooks.
    return tqdm(iterable, desc=desc, total=total, disable=bool(disable), **tqdm_kwargs)
