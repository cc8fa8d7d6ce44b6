#!/usr/bin/env bash
# Writes lock-py3.10.txt and lock-py3.12.txt: the grading set (pyproject's runtime
# dependencies + every `stack` extra: what a Gradescope image may install) resolved for
# Ubuntu 22.04's and 24.04's own Pythons, keeping lock.txt's versions wherever they fit.
# lock.txt (Python 3.11: the course's own venv, dev tools too) is the reference.
# Needs uv (`pip install uv`, used only to resolve for another Python) and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
wanted="$(mktemp)"
trap 'rm -f "$wanted"' EXIT
python3 -c 'from autograder.gradescope.requirements import grading_requirements as g; print("\n".join(g(("torch", "keras"))))' > "$wanted"
for version in 3.10 3.12; do
  out="requirements/lock-py$version.txt"
  [ -f "$out" ] || cp requirements/lock.txt "$out"     # uv prefers the versions already in -o
  uv pip compile --quiet --no-header --no-annotate --python-version "$version" \
    --python-platform x86_64-manylinux_2_28 --index-url https://pypi.org/simple "$wanted" -o "$out"
  echo "$out: $(grep -c '==' "$out") pins"
done
