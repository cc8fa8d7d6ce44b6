#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image; the zip is
# unpacked in $AUTOGRADER_ROOT/source. It installs the pinned environment, checks the
# bundled data, and locks the hidden tests away from the student's kernel.
#
# Environment (all optional):
#   AUTOGRADER_ROOT    where everything lives (default /autograder; tests use a temp folder)
#   AUTOGRADER_PYTHON  the Python (3.10-3.12) used to make the venv (default: the operating
#                      system's python3 on PATH; python3-venv is installed with apt-get
#                      when its venv module cannot make a venv). Other users must be able
#                      to run it: the student's kernel runs under an unprivileged uid.
#   AUTOGRADER_NO_APT=1  do not call apt-get (bubblewrap/util-linux/python3-venv already there)
#   AUTOGRADER_REUSE_VENV=DIR  use this existing venv instead of installing one (the demo)
#   AUTOGRADER_NO_BWRAP=1  treat bubblewrap as unavailable (as in most Docker containers)
#
# It fails closed: it exits non-zero, naming the fix, when it cannot make grading safe:
# not run as root, no setpriv, the sandbox's uid cannot run the venv's Python (without
# bubblewrap the kernel would then run as root), or that uid can read the hidden tests.
# The image build then fails, and no student is ever graded as root.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
VENV="$ROOT/venv"
UID_PROBE=20000
start=$(date +%s)
say() { echo "[setup $(( $(date +%s) - start )) s] $*"; }
fail() { echo "error: $*" >&2; exit 1; }

[ -f "$SRC/assignment.txt" ] || fail "$SRC/assignment.txt missing: unpack the zip into $SRC"
[ "$(id -u)" = 0 ] || fail "setup.sh must run as root (Gradescope runs it as root): it locks the hidden tests away from the sandbox's uid and checks that it did"
chmod 0711 "$ROOT"    # the sandbox's uid passes through (to the venv, lib, data), lists nothing
say "assignment $(cat "$SRC/assignment.txt"), root $ROOT"

# 1. OS packages: bubblewrap (the sandbox), util-linux (setpriv, prlimit), and python3-venv
#    when the Python lacks a working venv module. Each its own transaction: a name one
#    release lacks must not cost the others. apt-get may be refused (no network, no root):
#    grading then runs with what is there, or setup fails below naming what is missing.
PY="${AUTOGRADER_PYTHON:-$(command -v python3 || true)}"
apt_install() {
  [ "${AUTOGRADER_NO_APT:-0}" != 1 ] && command -v apt-get >/dev/null || return 1
  say "apt-get install $*"
  { [ -n "${APT_UPDATED:-}" ] || apt-get update -qq; } && APT_UPDATED=1 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    || { say "warning: apt-get install $* failed; continuing with what is installed"; return 1; }
}
command -v bwrap >/dev/null || apt_install bubblewrap || true
command -v setpriv >/dev/null || apt_install util-linux || true
if [ -z "${AUTOGRADER_REUSE_VENV:-}" ]; then
  [ -n "$PY" ] || apt_install python3 python3-venv || true
  PY="${AUTOGRADER_PYTHON:-$(command -v python3 || true)}"
  [ -n "$PY" ] || fail "no python3 on PATH (and apt-get could not install it): install the operating system's python3 and python3-venv in the image, or set AUTOGRADER_PYTHON"
  if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
    ver="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    apt_install python3-venv || apt_install "python$ver-venv" || true
    "$PY" -c 'import ensurepip, venv' 2>/dev/null \
      || fail "$PY cannot make a venv (no ensurepip): apt-get install python3-venv (or python$ver-venv), then rerun setup.sh"
  fi
fi
command -v bwrap >/dev/null || say "warning: no bubblewrap: kernels run without file-system/network isolation (uid + limits only)"
command -v setpriv >/dev/null \
  || fail "no setpriv: the student's kernel could not run under its own uid (nor could this script check it); install util-linux in the image (apt-get install util-linux), then rerun setup.sh"

# Runs a command as the sandbox's uid the way a kernel is started without bubblewrap.
# setpriv keeps root's capabilities up to its own exec, so it execs env, which execs the
# command with none: a Python under a private folder (e.g. /root/.pyenv) is refused here
# exactly as it would be for the kernel.
as_student() { setpriv --reuid=$UID_PROBE --regid=$UID_PROBE --clear-groups -- env -- "$@"; }
bwrap_works() {
  [ "${AUTOGRADER_NO_BWRAP:-0}" != 1 ] && command -v bwrap >/dev/null \
    && bwrap --ro-bind / / --unshare-net --unshare-pid --dev /dev --proc /proc true >/dev/null 2>&1
}
# check_python PYTHON CODE: returns 0 when the sandbox's uid can run PYTHON -c CODE, 2 when
# only through bubblewrap (the demo's reused venv, with a warning); else exits 1 (fail closed).
check_python() {
  local err
  if err="$(as_student "$1" -c "$2" 2>&1 >/dev/null)"; then return 0; fi
  err="$(printf '%s' "$err" | tail -n 2 | tr '\n' ' ' | cut -c1-300)"
  if [ -n "${AUTOGRADER_REUSE_VENV:-}" ] && bwrap_works; then
    # the demo's venv (make demo): bubblewrap shows the kernel its Python; run_autograder
    # checks the real sandbox again before grading and refuses if it would run as root
    say "warning: uid $UID_PROBE cannot run $1 on its own ($err); bubblewrap works here and exposes it to the kernel (demo only: a Gradescope image must not depend on it)"
    return 2
  fi
  fail "uid $UID_PROBE (the sandbox's) cannot run $1 ($err): without bubblewrap (refused in most Docker containers, Gradescope's included) the student's kernel would run as root. Fix: install the venv with a Python every user can run: the system's python3, or AUTOGRADER_PYTHON=<a Python outside /root whose folders are all world-executable, chmod a+rX>; do not reuse a venv under a private folder. Then rerun setup.sh"
}

# 2. The pinned environment, in a venv under the root: course/requirements/grading.txt
#    (pyproject's runtime dependencies + the assignment's stack: no torch for a NumPy
#    assignment), pinned by the lock of this Python's version (constraints).
if [ -n "${AUTOGRADER_REUSE_VENV:-}" ]; then
  say "reusing the existing venv $AUTOGRADER_REUSE_VENV (no install)"
  check_python "$AUTOGRADER_REUSE_VENV/bin/python" "import sys" || true
  rm -rf "$VENV"
  ln -s "$AUTOGRADER_REUSE_VENV" "$VENV"
else
  ver="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  "$PY" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' \
    || fail "$PY is Python $ver; the course grades with 3.10, 3.11 or 3.12 (requirements/lock*.txt): use an image whose python3 is one of them (Ubuntu 22.04 or 24.04, Debian 12), or set AUTOGRADER_PYTHON"
  lock="$SRC/course/requirements/lock-py$ver.txt"
  [ -f "$lock" ] || lock="$SRC/course/requirements/lock.txt"
  check_python "$PY" "import sys"      # before a long install, not after
  say "creating $VENV with $PY ($("$PY" --version 2>&1))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --no-input -q --upgrade "pip>=23" >/dev/null || true
  say "installing $(grep -c '^[a-z]' "$SRC/course/requirements/grading.txt") requirements (course/requirements/grading.txt), pinned by ${lock#"$SRC/course/"}"
  "$VENV/bin/python" -m pip install --no-input -q -c "$lock" -r "$SRC/course/requirements/grading.txt"
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
#    Either failure stops here (exit 1): the image is not built, nobody is graded.
if check_python "$VENV/bin/python" "import hwlib"; then
  say "the sandbox uid can run the venv's Python and import hwlib"
fi
assignment="$(cat "$SRC/assignment.txt")"
hidden="$SRC/course/source/$assignment/$assignment.ipynb"
[ -f "$hidden" ] || fail "$hidden (the hidden tests) is missing: rebuild the zip with python -m autograder gradescope $assignment"
if as_student cat "$hidden" >/dev/null 2>&1 || as_student ls "$SRC" >/dev/null 2>&1; then
  fail "the hidden tests are readable by uid $UID_PROBE (the sandbox's): $SRC must be root's alone (setup.sh makes it root-owned, 0700 folders, 0600 files). Fix: unpack the zip onto the image's own file system (not a mount that ignores Unix permissions or maps owners, no ACLs granting others access) and rerun setup.sh as root"
fi
say "the hidden tests are unreadable by uid $UID_PROBE"
say "done"
