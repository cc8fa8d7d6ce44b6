#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image; the zip is
# unpacked in $AUTOGRADER_ROOT/source. It installs the pinned environment, checks the
# bundled data, and locks the hidden tests away from the student's kernel.
#
# Environment (all optional):
#   AUTOGRADER_ROOT    where everything lives (default /autograder; tests use a temp folder)
#   AUTOGRADER_PYTHON  the Python 3.11 used to make the venv (default: python3.11 on PATH,
#                      installed with apt-get if missing). Other users must be able to run
#                      it: the student's kernel runs under an unprivileged uid.
#   AUTOGRADER_NO_APT=1  do not call apt-get (bubblewrap/util-linux/python3.11 already there)
#   AUTOGRADER_REUSE_VENV=DIR  use this existing venv instead of installing one (the demo)
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
VENV="$ROOT/venv"
UID_PROBE=20000
start=$(date +%s)
say() { echo "[setup $(( $(date +%s) - start )) s] $*"; }

[ -f "$SRC/assignment.txt" ] || { echo "error: $SRC/assignment.txt missing: unpack the zip into $SRC" >&2; exit 1; }
say "assignment $(cat "$SRC/assignment.txt"), root $ROOT"

# 1. OS packages: bubblewrap (the sandbox), util-linux (setpriv, prlimit). apt-get may be
#    refused (no network, no root): grading then runs with what is there.
if [ "${AUTOGRADER_NO_APT:-0}" != 1 ] && command -v apt-get >/dev/null; then
  want=(bubblewrap util-linux)
  if [ -z "${AUTOGRADER_PYTHON:-}" ] && ! command -v python3.11 >/dev/null; then
    want+=(python3.11 python3.11-venv)
  fi
  say "apt-get install ${want[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}"; } \
    || say "warning: apt-get failed; continuing with the packages already installed"
fi
command -v bwrap >/dev/null || say "warning: no bubblewrap: kernels run without file-system/network isolation (uid + limits only)"

# 2. The pinned environment, in a venv under the root.
PY="${AUTOGRADER_PYTHON:-$(command -v python3.11 || true)}"
if [ -n "${AUTOGRADER_REUSE_VENV:-}" ]; then
  say "reusing the existing venv $AUTOGRADER_REUSE_VENV (no install)"
  rm -rf "$VENV"
  ln -s "$AUTOGRADER_REUSE_VENV" "$VENV"
else
  # The lock needs Python >= 3.11.5; Ubuntu 22.04's python3.11 is 3.11.0 and 24.04 has
  # none: then fetch a standalone 3.11 with uv (from PyPI; the interpreter from GitHub).
  if [ -z "$PY" ] || ! "$PY" -c 'import sys; sys.exit(not ((3, 11, 5) <= sys.version_info[:3] < (3, 12)))'; then
    say "no Python >= 3.11.5 (${PY:-none}): installing one with uv into $ROOT/python"
    boot="$(command -v python3)"
    "$boot" -m venv "$ROOT/uv-venv" && "$ROOT/uv-venv/bin/python" -m pip install -q uv \
      && UV_PYTHON_INSTALL_DIR="$ROOT/python" "$ROOT/uv-venv/bin/uv" python install 3.11 \
      && PY="$(UV_PYTHON_INSTALL_DIR="$ROOT/python" "$ROOT/uv-venv/bin/uv" python find --managed-python 3.11)" \
      && chmod -R a+rX "$ROOT/python" \
      || { echo "error: no Python 3.11 (>= 3.11.5): set AUTOGRADER_PYTHON to one" >&2; exit 1; }
  fi
  say "creating $VENV with $PY ($("$PY" --version 2>&1))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --no-input -q --upgrade "pip>=23" >/dev/null || true
  say "installing requirements/lock.txt"
  "$VENV/bin/python" -m pip install --no-input -q -r "$SRC/course/requirements/lock.txt"
fi
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"

# 3. The grader and hwlib, readable by everyone (the kernel imports hwlib); the hidden
#    course material stays in $SRC. The import-order hook goes into site-packages.
rm -rf "$ROOT/lib" "$ROOT/data"
cp -r "$SRC/lib" "$ROOT/lib"
if [ -z "${AUTOGRADER_REUSE_VENV:-}" ]; then
  echo "$ROOT/lib" > "$SITE/dl_course_autograder.pth"
  cp "$ROOT/lib/hwlib/_import_order/course_import_order.pth" "$ROOT/lib/hwlib/_import_order/_course_import_order.py" "$SITE/"
fi

# 4. The data: the bundled .gz files, checked against the md5s recorded at build time.
cp -r "$SRC/data" "$ROOT/data"
( cd "$ROOT/data" && md5sum --quiet -c MD5SUMS ) || { echo "error: the bundled data is corrupt (md5 mismatch): rebuild the zip" >&2; exit 1; }
say "data verified: $(grep -c . "$ROOT/data/MD5SUMS") files"

# 5. Permissions. Readable by all: the venv, lib, data. Root only (0700 folders, 0600
#    files): the zip's contents (hidden tests), results, submission.
chown -R 0:0 "$ROOT/lib" "$ROOT/data" "$SRC"
chmod -R a+rX,go-w "$ROOT/lib" "$ROOT/data"
[ -L "$VENV" ] || chmod -R a+rX,go-w "$VENV"
find "$SRC" -type d -exec chmod 0700 {} +
find "$SRC" -type f -exec chmod 0600 {} +
chmod 0700 "$SRC/setup.sh" "$SRC/run_autograder"
mkdir -p "$ROOT/results"
chmod 0700 "$ROOT/results"
chmod 0711 "$ROOT"
[ -e "$ROOT/run_autograder" ] || install -m 0700 "$SRC/run_autograder" "$ROOT/run_autograder"

# 6. Can the sandbox's uid run the kernel's Python without reaching the hidden tests?
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  as_student=(setpriv --reuid=$UID_PROBE --regid=$UID_PROBE --clear-groups)
  if "${as_student[@]}" "$VENV/bin/python" -c "import hwlib" 2>/dev/null; then
    say "the sandbox uid can run the venv's Python and import hwlib"
  else
    say "warning: uid $UID_PROBE cannot run $VENV/bin/python: without bubblewrap kernels would run as root; use a Python installed for all users (AUTOGRADER_PYTHON)"
  fi
  if "${as_student[@]}" cat "$SRC/course/source/$(cat "$SRC/assignment.txt")/$(cat "$SRC/assignment.txt").ipynb" >/dev/null 2>&1; then
    echo "error: the hidden tests are readable by uid $UID_PROBE" >&2; exit 1
  fi
fi
say "done"
