"""Where the tests find things: the repository and the toy course of tests/fixtures."""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TOY_COURSE = REPO_ROOT / "tests" / "fixtures" / "toy_course"
