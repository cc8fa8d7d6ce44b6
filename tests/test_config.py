"""The grading configuration (autograder/config.py): every setting read once from its
variable, typed, documented; the grader's modules read no variable of their own."""
import ast
from pathlib import Path

import pytest
from paths import REPO_ROOT

from autograder.config import GradingConfig

# the files of autograder/ that may touch os.environ (issue 25: at most six): the
# configuration, the kernel boundary, nbgrader's and the hub's subprocesses, the hub user
ENVIRONMENT_FILES = {"config.py", "grading/kernel_env.py", "nbgrader_cli.py", "hub/config.py", "hub/exchange.py",
                     "gradescope/rehearsal.py"}


def test_defaults_when_nothing_is_set():
    config = GradingConfig.from_env({})
    assert config == GradingConfig()
    assert (config.course_root, config.data, config.subset, config.offline) == (None, None, "", False)
    assert (config.cgroups, config.tmpfs, config.bwrap) == (True, True, True)
    assert config.cgroup_parent == "autograder" and config.gradescope_root == Path("/autograder")


def test_each_variable_sets_its_typed_field(tmp_path):
    config = GradingConfig.from_env({
        "COURSE_ROOT": str(tmp_path), "HWLIB_DATA": "~/data", "HWLIB_SUBSET": "mini", "HWLIB_OFFLINE": "1",
        "AUTOGRADER_NO_CGROUPS": "1", "AUTOGRADER_NO_TMPFS": "1", "AUTOGRADER_NO_BWRAP": "1",
        "AUTOGRADER_CGROUP_PARENT": "/ci/job-7/", "AUTOGRADER_UID_POOL": "30000-30009",
        "AUTOGRADER_UID_POOL_DIR": str(tmp_path / "locks"), "AUTOGRADER_ROOT": str(tmp_path / "gs")})
    assert config.course_root == tmp_path and config.data == Path("~/data").expanduser()
    assert (config.subset, config.offline) == ("mini", True)
    assert (config.cgroups, config.tmpfs, config.bwrap) == (False, False, False)
    assert config.cgroup_parent == "ci/job-7" and config.uid_pool == "30000-30009"
    assert config.uid_pool_dir == tmp_path / "locks" and config.gradescope_root == tmp_path / "gs"


@pytest.mark.parametrize("text, on", [("1", False), ("0", True), ("", True), ("yes", True)])
def test_a_switch_turns_a_layer_off_only_at_1(text, on):
    assert GradingConfig.from_env({"AUTOGRADER_NO_BWRAP": text}).bwrap is on


def test_the_configuration_is_frozen_and_changed_by_copy():
    config = GradingConfig()
    changed = config.with_(subset="full")
    assert (config.subset, changed.subset) == ("", "full")
    with pytest.raises(AttributeError):
        config.subset = "mini"


def test_every_variable_is_documented_for_instructors():
    text = (REPO_ROOT / "autograder" / "README.md").read_text()
    missing = [var for var, _, _ in GradingConfig.documented() if f"`{var}`" not in text]
    assert not missing, f"autograder/README.md does not document {missing}"


def _touches_environ(path):
    tree = ast.parse(path.read_text())
    return any(isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv")
               and isinstance(node.value, ast.Name) and node.value.id == "os" for node in ast.walk(tree))


def test_only_the_boundary_files_touch_the_environment():
    package = REPO_ROOT / "autograder"
    touching = {p.relative_to(package).as_posix() for p in package.rglob("*.py") if _touches_environ(p)}
    assert touching <= ENVIRONMENT_FILES, f"read or write os.environ: {sorted(touching - ENVIRONMENT_FILES)}"
    assert len(ENVIRONMENT_FILES) <= 6
