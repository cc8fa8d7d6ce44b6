import random
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from paths import REPO_ROOT

from hwlib import utils as U

# ------------------------------------------------------------------ seeding


def draws(seed):
    rng = U.seed_everything(seed)
    return random.random(), np.random.rand(3), rng.random(3)


def test_seed_everything_reproducible():
    py_a, np_a, gen_a = draws(123)
    py_b, np_b, gen_b = draws(123)
    assert py_a == py_b
    np.testing.assert_array_equal(np_a, np_b)
    np.testing.assert_array_equal(gen_a, gen_b)
    py_c, np_c, gen_c = draws(124)
    assert py_c != py_a and not np.array_equal(np_c, np_a) and not np.array_equal(gen_c, gen_a)


def test_seed_everything_returns_pcg64_generator():
    rng = U.seed_everything(7)
    assert isinstance(rng, np.random.Generator)
    assert isinstance(rng.bit_generator, np.random.PCG64)
    np.testing.assert_array_equal(rng.random(4), np.random.Generator(np.random.PCG64(7)).random(4))


def test_seed_everything_does_not_import_frameworks():
    code = ("import sys, hwlib.utils as u; u.seed_everything(0); "
            "assert 'torch' not in sys.modules and 'tensorflow' not in sys.modules; "
            "assert 'pandas' not in sys.modules and 'tqdm' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)


def test_seed_everything_seeds_torch_when_imported():
    torch = pytest.importorskip("torch")
    U.seed_everything(5)
    a = torch.rand(3)
    U.seed_everything(5)
    assert torch.equal(a, torch.rand(3))


@pytest.mark.parametrize("bad", [1.5, "0", -1, 2**32, True])
def test_seed_everything_rejects_bad_seed(bad):
    with pytest.raises(ValueError, match="seed must be"):
        U.seed_everything(bad)


# -------------------------------------------------------------------- timer


def test_timer_measures_sleep():
    with U.Timer() as t:
        time.sleep(0.05)
    assert isinstance(t.elapsed, float)
    assert 0.04 <= t.elapsed <= 1
    assert str(t) == f"{t.elapsed:.2f} s"
    frozen = t.elapsed
    time.sleep(0.01)
    assert t.elapsed == frozen  # stops at the end of the block


def test_timer_running_value_and_str_format(monkeypatch):
    clock = iter([10.0, 10.5, 11.234])
    monkeypatch.setattr(U.time, "perf_counter", lambda: next(clock))
    with U.Timer() as t:
        assert t.elapsed == pytest.approx(0.5)  # running value inside the block
    assert t.elapsed == pytest.approx(1.234)
    assert str(t) == "1.23 s"


# ------------------------------------------------------------ results_table

ROWS = [
    {"lr": 0.1, "val_acc": 0.80, "val_loss": 0.6},
    {"lr": 0.01, "val_acc": 0.91, "val_loss": 0.3},
    {"lr": 0.001, "val_acc": 0.85, "val_loss": 0.5},
]


def test_results_table_dataframe():
    df = U.results_table(ROWS)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["lr", "val_acc", "val_loss"]
    assert df["lr"].tolist() == [0.1, 0.01, 0.001]


def test_results_table_sorting():
    df = U.results_table(ROWS, sort_by="val_acc")
    assert df["val_acc"].tolist() == [0.91, 0.85, 0.80]
    assert df.index.tolist() == [0, 1, 2]
    df = U.results_table(ROWS, sort_by="val_loss", higher_is_better=False)
    assert df["val_loss"].tolist() == [0.3, 0.5, 0.6]


def bold_rows(styler):
    """Row positions whose cells the Styler renders in bold."""
    ctx = styler._compute().ctx
    return sorted({row for (row, _), props in ctx.items()
                   if ("font-weight", "bold") in props})


def test_results_table_best_is_bold_styler():
    styler = U.results_table(ROWS, best="val_acc")
    assert isinstance(styler, pd.io.formats.style.Styler)
    pd.testing.assert_frame_equal(styler.data, pd.DataFrame(ROWS))
    assert bold_rows(styler) == [1]
    assert "font-weight: bold" in styler.to_html()
    assert bold_rows(U.results_table(ROWS, best="val_loss", higher_is_better=False)) == [1]
    assert bold_rows(U.results_table(ROWS, best="lr", higher_is_better=False)) == [2]
    sorted_styler = U.results_table(ROWS, sort_by="val_acc", best="val_acc")
    assert bold_rows(sorted_styler) == [0]


def test_results_table_errors():
    with pytest.raises(ValueError, match="empty"):
        U.results_table([])
    with pytest.raises(ValueError, match=r"sort_by='acc' is not a column.*\['lr', 'val_acc', 'val_loss'\]"):
        U.results_table(ROWS, sort_by="acc")
    with pytest.raises(ValueError, match=r"best='acc' is not a column.*'val_acc'"):
        U.results_table(ROWS, best="acc")
    with pytest.raises(ValueError, match="list of dicts"):
        U.results_table(ROWS[0])
    with pytest.raises(ValueError, match="no numeric values"):
        U.results_table([{"name": "a"}, {"name": "b"}], best="name")


# ----------------------------------------------------------------- progress


def test_progress_silent_with_env(monkeypatch, capsys):
    monkeypatch.setenv("HWLIB_NO_PROGRESS", "1")
    items = list(U.progress(range(50), desc="training", disable=False))
    assert items == list(range(50))
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_progress_silent_with_disable(monkeypatch, capsys):
    monkeypatch.delenv("HWLIB_NO_PROGRESS", raising=False)
    assert list(U.progress(iter("abc"), disable=True)) == ["a", "b", "c"]
    assert capsys.readouterr().err == ""


def test_progress_writes_bar_by_default(monkeypatch, capsys):
    monkeypatch.delenv("HWLIB_NO_PROGRESS", raising=False)
    items = list(U.progress(iter(range(7)), desc="epochs", total=7))
    assert items == list(range(7))
    err = capsys.readouterr().err
    assert "epochs" in err and "7/7" in err
