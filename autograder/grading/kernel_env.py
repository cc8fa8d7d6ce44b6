"""The environment at the kernel boundary: the only variables the grader sets.

The student's kernel starts with :func:`kernel_env` and nothing of the grader's own (no
tokens, no paths). The instructor's set-up cells also run inside the grader
(``grading/trusted.py``); :func:`enter_set_up` gives this process the same hwlib switches
first, so both sides load the same data subset from the same folder. Everything comes
from the :class:`~autograder.config.GradingConfig`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..config import GradingConfig

# what hwlib and matplotlib must see in any process that runs the notebook's code
GRADING_SWITCHES = {"HWLIB_GRADING": "1", "HWLIB_NO_PROGRESS": "1", "MPLBACKEND": "Agg"}


def _passed_on(config: GradingConfig) -> dict[str, str]:
    """The settings of ``config`` a kernel inherits: hwlib's data subset and fallback, OpenBLAS's
    CPU choices (only those that are set)."""
    out = {"HWLIB_SUBSET": config.subset, "HWLIB_FALLBACK_MINI": "1" if config.fallback_mini else "",
           "OPENBLAS_CORETYPE": config.openblas_coretype, "OPENBLAS_L2_SIZE": config.openblas_l2_size}
    return {name: value for name, value in out.items() if value}


def data_folder(config: GradingConfig) -> str:
    """``config.data`` resolved ("" when unset): the sandbox shows the data folder at its
    real path, so a symlink under /tmp or a hidden home would lead nowhere inside it."""
    return str(Path(config.data).resolve()) if config.data else ""


def kernel_env(workdir: str | os.PathLike[str], threads: int, config: GradingConfig) -> dict[str, str]:
    """The kernel's whole environment: its own home ``workdir``, ``threads`` OpenMP/BLAS
    threads, the grading switches and ``config``'s data settings."""
    bindir = os.path.dirname(sys.executable)
    return {
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir), "TMPDIR": "/tmp", "LANG": "C.UTF-8",
        "MPLCONFIGDIR": os.path.join(str(workdir), ".matplotlib"),
        "OMP_NUM_THREADS": str(threads), "OPENBLAS_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
        **GRADING_SWITCHES,
        "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0",
        "PYTHONWARNINGS": "ignore", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "HWLIB_DATA": data_folder(config),
        **_passed_on(config),
    }


def enter_set_up(config: GradingConfig) -> None:
    """Give this (grader) process the kernel's hwlib switches before it runs the
    instructor's set-up cells itself."""
    values = {**GRADING_SWITCHES, **_passed_on(config)}
    if config.data:
        values["HWLIB_DATA"] = data_folder(config)
    if config.offline:
        values["HWLIB_OFFLINE"] = "1"
    os.environ.update(values)
