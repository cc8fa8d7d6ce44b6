"""The GitHub Actions templates in ``autograder/ci/`` (issue 22.7).

Their ``run:`` scripts are taken out of the YAML and run with bash, the way the runner
runs them, with fake ``sudo`` / ``python`` on ``PATH``: the student's job must fail when
``check`` fails even though its output is piped into ``tee``, and the instructor's job must
treat what is typed into "Run workflow" as data, never as shell code.
"""
import subprocess

import pytest
import yaml
from paths import REPO_ROOT

CI = REPO_ROOT / "autograder" / "ci"
STUDENT = CI / "student-check.yml"
INSTRUCTOR = CI / "instructor-grade.yml"

# How GitHub's Linux runners run a `run:` script (workflow syntax, jobs.<id>.steps[*].shell):
# no `shell:` -> `bash -e {0}`; `shell: bash` -> `bash --noprofile --norc -eo pipefail {0}`.
RUNNER_SHELL = {None: ["bash", "-e"], "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"]}


def _workflow(path):
    return yaml.safe_load(path.read_text())


def _steps(workflow):
    for job in workflow["jobs"].values():
        yield from job["steps"]


def _step(workflow, name_start):
    (step,) = [s for s in _steps(workflow) if s.get("name", "").startswith(name_start)]
    return step


def _fake_bin(folder, scripts):
    folder.mkdir()
    for name, text in scripts.items():
        path = folder / name
        path.write_text("#!/bin/sh\n" + text)
        path.chmod(0o755)
    return folder


def _run_step(step, workflow, cwd, fake_bin, extra_env=None, argv_shell=None):
    """Run ``step``'s script as the runner would (its ``shell:``) with the job's env."""
    script = cwd / "step.sh"
    script.write_text(step["run"])
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin", "HOME": str(cwd),
           **{k: str(v) for k, v in (workflow.get("env") or {}).items()},
           **{k: str(v) for k, v in (step.get("env") or {}).items()},
           **(extra_env or {})}
    shell = argv_shell or RUNNER_SHELL[step.get("shell")]
    return subprocess.run([*shell, str(script)], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)


# -- the student template ---------------------------------------------------------------
FAKE_SUDO = '[ "$1" = -E ] && shift\nexec "$@"\n'
FAKE_PYTHON = 'echo "fake check: $*"\necho "$*" > "$ARGS_FILE"\nexit "${FAKE_CHECK_RC:-0}"\n'


@pytest.mark.parametrize("check_rc", [0, 1, 3])
@pytest.mark.parametrize("how", ["its own shell", "bash -e (the runner's default)"])
def test_student_job_fails_exactly_when_check_fails(tmp_path, check_rc, how):
    workflow = _workflow(STUDENT)
    step = _step(workflow, "Self-check")
    fake = _fake_bin(tmp_path / "bin", {"sudo": FAKE_SUDO, "python": FAKE_PYTHON})
    summary = tmp_path / "summary.md"
    args = tmp_path / "args.txt"
    proc = _run_step(step, workflow, tmp_path, fake,
                     {"GITHUB_STEP_SUMMARY": str(summary), "FAKE_CHECK_RC": str(check_rc),
                      "ARGS_FILE": str(args)},
                     argv_shell=None if how == "its own shell" else RUNNER_SHELL[None])
    assert proc.returncode == check_rc, proc.stdout + proc.stderr
    env = workflow["env"]
    assert args.read_text().split() == ["-m", "autograder", "check", env["NOTEBOOK"],
                                        "--assignment", env["ASSIGNMENT"]]
    # the table reaches the log and the job summary whatever the outcome
    assert "fake check:" in proc.stdout
    text = summary.read_text()
    assert "this is not your grade" in text and "fake check:" in text
    assert ("::error::" in proc.stdout) == (check_rc != 0)


def test_student_step_runs_with_pipefail():
    step = _step(_workflow(STUDENT), "Self-check")
    assert step.get("shell") == "bash"          # GitHub adds -eo pipefail for `shell: bash`
    assert "set -o pipefail" in step["run"]     # and the script does not rely on it


# -- both templates ---------------------------------------------------------------------
@pytest.mark.parametrize("path", [STUDENT, INSTRUCTOR], ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_script(path):
    """GitHub's script-injection guidance: expressions go into `env:`, scripts read "$VAR"."""
    for step in _steps(_workflow(path)):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name}: {step.get('name')}"


def test_instructor_template_has_a_read_only_token():
    workflow = _workflow(INSTRUCTOR)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job or all(v in ("read", "none") for v in job["permissions"].values())


def test_instructor_inputs_reach_the_scripts_only_through_env():
    workflow = _workflow(INSTRUCTOR)
    env = workflow["jobs"]["grade"]["env"]
    assert env["ASSIGNMENT"] == "${{ inputs.assignment }}"
    assert env["EXPORT"] == "${{ inputs.export }}"
    grade = _step(workflow, "Grade")["run"]
    assert '"$ASSIGNMENT"' in grade and "$ASSIGNMENT " not in grade.replace('"$ASSIGNMENT"', "")


FAKE_COLLECT = 'printf "%s\\n" "$@" > "$ARGS_FILE"\n'


def test_instructor_collect_treats_inputs_as_data(tmp_path):
    workflow = _workflow(INSTRUCTOR)
    step = _step(workflow, "Collect")
    fake = _fake_bin(tmp_path / "bin", {"curl": "exit 99\n"})
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").write_text("#!/bin/sh\n" + FAKE_COLLECT)
    (venv_bin / "python").chmod(0o755)
    args = tmp_path / "args.txt"
    pwned = tmp_path / "pwned"
    export = f"$(touch {pwned}).zip"
    proc = _run_step(step, workflow, tmp_path, fake,
                     {"ASSIGNMENT": "hw1_numpy_backprop", "EXPORT": export, "ARGS_FILE": str(args),
                      "SUBMISSIONS_URL": ""})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert args.read_text().splitlines() == ["-m", "autograder", "collect", export, "hw1_numpy_backprop"]
    assert not pwned.exists()

    for bad in (f"x; touch {pwned}", f"$(touch {pwned})", "", "../hw1"):
        args.unlink(missing_ok=True)
        proc = _run_step(step, workflow, tmp_path, fake,
                         {"ASSIGNMENT": bad, "EXPORT": "e.zip", "ARGS_FILE": str(args)})
        assert proc.returncode == 1 and "not an assignment id" in proc.stdout, bad
        assert not args.exists() and not pwned.exists(), bad

