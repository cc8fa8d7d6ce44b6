# The course's entry points. `make demo` and `make test` are the README's two commands;
# both create .venv (Python 3.11, pinned by requirements/lock.txt) if it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# The optional extras of pyproject.toml to install: `course` (torch, TensorFlow/Keras,
# JupyterLab, nbgrader: what the six assignments need), `dev` (pytest, playwright, ruff,
# build) for `make test` / `make lint`, `instructor` (copydetect: the class report's similarity);
# `hub` (jupyterhub, jsonschema) for `make hub` and its tests;
# `make venv EXTRAS=` installs only what grading needs.
EXTRAS ?= course,dev,instructor,hub
TARGET := $(if $(strip $(EXTRAS)),.[$(strip $(EXTRAS))],.)
STAMP  := $(VENV)/.installed-$(shell (cat requirements/lock.txt pyproject.toml; echo '$(TARGET)') | cksum | cut -d' ' -f1)

# Full MNIST / Fashion-MNIST: $HWLIB_DATA if set, else ../shared/data when it exists.
SHARED_DATA := $(abspath ../shared/data)
ifeq ($(strip $(HWLIB_DATA)),)
ifneq ($(wildcard $(SHARED_DATA)/mnist),)
export HWLIB_DATA := $(SHARED_DATA)
endif
endif

.PHONY: venv demo test lint test-fast validate release lab bench clean help hub hub-deps

help:
	@echo "make demo      set up .venv, then run the main job (release, grade, report)"
	@echo "make test      set up .venv, then run the whole test suite"
	@echo "make lint      ruff (pyflakes, pycodestyle errors, import order, bugbear), import contracts"
	@echo "make test-fast unit tests only (skips notebook runs and training)"
	@echo "make validate  solutions / blank release / mutants for every assignment"
	@echo "make release   regenerate release/ from source/ (after validate)"
	@echo "make lab       JupyterLab on the release notebooks"
	@echo "make bench     benchmarks on the full data -> benchmarks/RESULTS.md (~45 min)"
	@echo "make hub       the course on a JupyterHub, students as Unix users (as root)"

venv: $(STAMP)

$(STAMP):
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if v == (3, 11) else "Python 3.11 is required (found %d.%d); set PYTHON=python3.11" % v)'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -c requirements/lock.txt -e '$(TARGET)'
	$(PY) -m pip check
	@rm -f $(VENV)/.installed-* && touch $@

demo: venv
	$(PY) -m autograder demo

# Lint first (seconds). pytest exits 5 when it collected no tests: that is a failure
# here, not a pass.
test: venv lint hub-deps
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

test-fast: venv
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

validate: venv
	$(PY) -m autograder validate all

release: venv
	$(PY) -m autograder release all

# Jupyter refuses to start as root unless told; containers and CI runners often are root.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)
lab: venv
	$(VENV)/bin/jupyter lab --notebook-dir=release $(LAB_ARGS)

bench: venv
	$(PY) -m benchmarks

# The shared hub (issue 23): configurable-http-proxy, pinned by deploy/hub/package-lock.json,
# from the npm registry into .hub/node; then the hub itself (as root: it starts each
# student's server as that student). HUB_ARGS: e.g. --ip 0.0.0.0 --port 8000.
CHP := .hub/node/node_modules/.bin/configurable-http-proxy
hub-deps: $(CHP)
$(CHP): deploy/hub/package.json deploy/hub/package-lock.json
	@mkdir -p .hub/node && cp deploy/hub/package.json deploy/hub/package-lock.json .hub/node/
	npm ci --prefix .hub/node --no-audit --no-fund --loglevel=error
	@touch $@

HUB_ARGS ?=
hub: venv hub-deps
	$(PY) -m autograder hub start $(HUB_ARGS)

clean:
	rm -rf submitted autograded feedback gradebook.db artifacts .pytest_cache
