"""The offline first run, as a newcomer meets it, and grading's refusal of mini data.

The slow test clones this repository into a temporary folder (no ``../shared`` beside it),
empties ``HOME`` and the hwlib cache, unsets ``HWLIB_DATA``, and runs ``make demo`` in an
empty network namespace (``unshare -n``), so no download can succeed. It reuses this
checkout's ``.venv`` (``make demo VENV=...``) instead of installing 7 GB again; the clone's
own ``autograder`` and ``hwlib`` run the grader (``python -m`` puts the clone first).

The quick tests check the decision itself (``autograder.datacheck``) and hwlib's subset
record that the hidden tests' bars read (``hwlib.datasets.by_subset``).
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder import datacheck
from autograder.config import GradingConfig
from autograder.report import MINI_LABEL

VENV = Path(sys.prefix)
SCORE_LINE = re.compile(r"^\[grading\] (\S+) (alice|bob): ([\d.]+)/([\d.]+)(.*)$", re.M)
DEMO_TIMEOUT_S = 1800


def _offline_env(home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("HWLIB_") and k not in ("COURSE_ROOT", "XDG_CACHE_HOME", "PYTHONPATH")}
    env.update(HOME=str(home), PYTHONDONTWRITEBYTECODE="1")
    return env


def _offline(cmd, cwd, env, timeout):
    return subprocess.run(["unshare", "-n", *cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def offline_demo(tmp_path_factory):
    """(clone, completed make demo, seconds, env): one offline demo for the module's tests."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare(1) for an empty network namespace")
    base = tmp_path_factory.mktemp("newcomer")
    clone, home = base / "course", base / "home"
    home.mkdir()
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(clone)], check=True)
    assert not (base / "shared").exists()
    env = _offline_env(home)
    start = time.perf_counter()
    # this checkout's environment, as installed (STAMP: make must not pip-install it again)
    stamp = next(VENV.glob(".installed-*"), None)
    assert stamp is not None, f"{VENV} has no .installed-* stamp: run make venv first"
    run = _offline(["make", "demo", f"VENV={VENV}", f"STAMP={stamp}"], clone, env, DEMO_TIMEOUT_S)
    seconds = time.perf_counter() - start
    (base / "demo.log").write_text(run.stdout + "\n--- stderr ---\n" + run.stderr)
    print(f"offline make demo: {seconds:.0f} s (log: {base / 'demo.log'})")
    return clone, run, seconds, env


@pytest.mark.slow
def test_offline_demo_works_on_mini_and_says_so(offline_demo):
    clone, run, seconds, _ = offline_demo
    out = run.stdout
    assert run.returncode == 0, f"make demo failed offline:\n{out[-4000:]}\n{run.stderr[-3000:]}"
    assert "[done] everything worked" in out
    assert "mini subset (full set not found)" in out   # the data step really was offline
    scores = SCORE_LINE.findall(out)
    assignments = sorted({a for a, *_ in scores})
    expected = sorted(p.name for p in (clone / "source").iterdir() if (p / f"{p.name}.ipynb").is_file())
    assert assignments == expected
    for aid, student, score, max_score, rest in scores:
        assert MINI_LABEL in rest, f"{aid} {student}: score line without the mini label"
        if student == "alice":
            assert float(score) == float(max_score), f"alice (correct) lost points on {aid} offline"
        else:
            assert float(score) < float(max_score), f"bob's two mistakes cost nothing on {aid}"
    # the summary table printed by grade: one line per student, each labelled
    table_rows = [row for row in out.splitlines() if re.match(r"^(alice|bob)\s+[\d.]+/[\d.]+", row)]
    assert len(table_rows) == 2 * len(expected) and all(MINI_LABEL in row for row in table_rows)


@pytest.mark.slow
def test_offline_reports_carry_the_mini_label(offline_demo):
    clone, run, _, _ = offline_demo
    course = clone / "artifacts" / "demo" / "course"
    for aid in sorted(p.name for p in (course / "source").iterdir() if (p / f"{p.name}.ipynb").is_file()):
        with open(course / "reports" / f"{aid}.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert {r["student"] for r in rows} == {"alice", "bob"}
        assert all(MINI_LABEL in r["report"] for r in rows), f"{aid}: CSV row without the label"
        for student in ("alice", "bob"):
            results = json.loads((course / "autograded" / student / aid / "results.json").read_text())
            assert MINI_LABEL in results["output"]
            html = (course / "feedback" / student / aid / f"{aid}.html").read_text()
            assert MINI_LABEL in html, f"{aid} {student}: feedback HTML without the label"


@pytest.mark.slow
def test_grading_refuses_mini_offline_without_allow_mini(offline_demo):
    clone, run, _, env = offline_demo
    course = clone / "artifacts" / "demo" / "course"
    aid = "hw1_numpy_backprop"
    python = str(VENV / "bin" / "python")
    refused = _offline([python, "-m", "autograder", "grade-one",
                        str(course / "submitted" / "alice" / aid / f"{aid}.ipynb"),
                        "--assignment", aid, "--out", str(clone / "out")], clone, env, 300)
    batch = _offline([python, "-m", "autograder", "grade", aid, "--no-progress"], clone,
                     {**env, "COURSE_ROOT": str(course)}, 300)
    # grade-one (CI, Gradescope) still writes results.json: a 0 that says why (exit 4)
    for name, run, code, text in (("grade-one", refused, 4, refused.stdout),
                                  ("grade", batch, 2, batch.stderr)):
        assert run.returncode == code, f"{name} graded offline without --allow-mini:\n{run.stdout}\n{run.stderr}"
        for words in ("HWLIB_DATA", "cache", "download", "--allow-mini"):
            assert words in text, f"{name}'s refusal does not mention {words}:\n{text}"
    results = json.loads((clone / "out" / "results.json").read_text())
    assert results["score"] == 0 and results["tests"] == [] and "Not graded" in results["output"]


@pytest.mark.needs_data
def test_resolve_subset_full_when_the_data_is_there(data_root, isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_DATA", str(data_root))
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    monkeypatch.delenv("HWLIB_SUBSET", raising=False)
    assert datacheck.resolve_subset("hw3_pytorch_mlp", GradingConfig.from_env()) == "full"
    assert datacheck.resolve_subset("hw3_pytorch_mlp", GradingConfig.from_env(), allow_mini=True) == "full"


def test_resolve_subset_never_hides_a_corrupt_file(tmp_path, monkeypatch):
    from hwlib.datasets import MNIST

    data = tmp_path / "data" / "mnist"
    data.mkdir(parents=True)
    mini = REPO_ROOT / "hwlib" / "datasets" / "mini" / "mnist"
    for res in MNIST.files.values():   # right names, wrong bytes: found but corrupt
        shutil.copy(mini / res.filename, data / res.filename)
    monkeypatch.setenv("HWLIB_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    monkeypatch.delenv("HWLIB_SUBSET", raising=False)
    from hwlib.datasets import DatasetChecksumError

    with pytest.raises(DatasetChecksumError):   # a corrupt file is an error, never a quiet mini
        datacheck.resolve_subset("hw1_numpy_backprop", GradingConfig.from_env(), allow_mini=True)


def test_resolve_subset_refuses_mini_unless_allowed(isolated_env, monkeypatch):
    monkeypatch.setenv("HWLIB_OFFLINE", "1")
    monkeypatch.delenv("HWLIB_SUBSET", raising=False)
    with pytest.raises(datacheck.FullDataMissing) as err:
        datacheck.resolve_subset("hw3_pytorch_mlp", GradingConfig.from_env())
    message = str(err.value)
    for words in ("mnist", "fashion-mnist", "HWLIB_DATA", str(isolated_env), "download", "--allow-mini"):
        assert words in message
    assert datacheck.resolve_subset("hw3_pytorch_mlp", GradingConfig.from_env(), allow_mini=True) == "mini"
    monkeypatch.setenv("HWLIB_SUBSET", "mini")   # asking for mini explicitly is no way round it
    with pytest.raises(datacheck.FullDataMissing, match="--allow-mini"):
        datacheck.resolve_subset("hw1_numpy_backprop", GradingConfig.from_env())


def test_datasets_used_are_the_manifests():
    assert datacheck.datasets_used("hw1_numpy_backprop") == ["mnist"]
    assert datacheck.datasets_used("hw3_pytorch_mlp") == ["mnist", "fashion-mnist"]


def test_use_subset_reaches_kernels_and_points_at_the_cache(isolated_env, monkeypatch):
    from autograder.grading.kernel_env import enter_set_up, kernel_env

    monkeypatch.delenv("HWLIB_SUBSET", raising=False)
    before = dict(os.environ)
    full = datacheck.use_subset(GradingConfig.from_env(), "full")
    assert dict(os.environ) == before                       # a configuration, not the environment
    assert full.subset == "full" and full.data == isolated_env.resolve()   # the sandbox hides HOME
    assert kernel_env(isolated_env, 1, full)["HWLIB_SUBSET"] == "full"
    assert kernel_env(isolated_env, 1, full)["HWLIB_DATA"] == str(isolated_env.resolve())
    mini = datacheck.use_subset(GradingConfig.from_env(), "mini")
    assert kernel_env(isolated_env, 1, mini)["HWLIB_SUBSET"] == "mini"
    monkeypatch.setattr(os, "environ", dict(os.environ))    # the grader's own set-up sees the same
    enter_set_up(mini)
    assert os.environ["HWLIB_SUBSET"] == "mini" and os.environ["HWLIB_GRADING"] == "1"
    with pytest.raises(ValueError):
        datacheck.use_subset(GradingConfig.from_env(), "tiny")


def test_loaders_record_the_subset_they_returned(isolated_env, monkeypatch):
    code = ("from hwlib.datasets import by_subset, load_mnist, loaded_subset\n"
            "before = loaded_subset()\n"
            "(X, _), _ = load_mnist()\n"
            "print(before, loaded_subset(), len(X), by_subset(full='F', mini='M'))\n")
    env = {**os.environ, "HWLIB_OFFLINE": "1"}
    for var in ("HWLIB_SUBSET", "HWLIB_GRADING"):   # an earlier grading in this process sets them
        env.pop(var, None)
    explicit = subprocess.run([sys.executable, "-c", code], env={**env, "HWLIB_SUBSET": "mini"},
                              capture_output=True, text=True, check=True)
    assert explicit.stdout.split() == ["mini", "mini", "6000", "M"]
    assert "HWLIB_SUBSET=mini: using the shipped mnist mini subset" in explicit.stderr
    graded = subprocess.run([sys.executable, "-c", code],   # under the grader: no stderr
                            env={**env, "HWLIB_SUBSET": "mini", "HWLIB_GRADING": "1"},
                            capture_output=True, text=True, check=True)
    assert graded.stdout.split() == ["mini", "mini", "6000", "M"] and graded.stderr == ""
    fallback = subprocess.run([sys.executable, "-c", code], env={**env, "HWLIB_FALLBACK_MINI": "1"},
                              capture_output=True, text=True, check=True)
    assert fallback.stdout.split() == ["full", "mini", "6000", "M"]
    assert "accuracy checks use the lower bars" in fallback.stderr   # the student's notice
    # an explicit HWLIB_SUBSET=full (as under the grader) never falls back quietly
    refused = subprocess.run([sys.executable, "-c", code],
                             env={**env, "HWLIB_FALLBACK_MINI": "1", "HWLIB_SUBSET": "full"},
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "DatasetNotFoundError" in refused.stderr
